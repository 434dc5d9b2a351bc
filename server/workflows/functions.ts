// Every workflow of the platform, one per file; adding one is a line here.
import type { WorkflowDefinition } from "./types";

export const workflowFunctions: WorkflowDefinition[] = [];

export function registerWorkflow(def: WorkflowDefinition) {
  if (!workflowFunctions.some((f) => f.options.id === def.options.id)) workflowFunctions.push(def);
}
