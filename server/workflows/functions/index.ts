import "server-only";
// Every workflow of the platform, one per file; adding one is a line here.
import { storage } from "@/server/adapters/storage";
import { getDb } from "@/server/db";
import type { WorkflowDefinition } from "../types";
import { generateFilesWorkflow } from "./generate-files";

const appResources = async () => ({ db: await getDb(), storage: storage() });

export const workflowFunctions: WorkflowDefinition[] = [generateFilesWorkflow(appResources)];
