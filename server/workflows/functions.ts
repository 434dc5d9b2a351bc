// Every workflow of the platform, one per file; adding one is a line here.
import type { WorkflowDefinition } from "./types";

export const workflowFunctions: WorkflowDefinition[] = [];

