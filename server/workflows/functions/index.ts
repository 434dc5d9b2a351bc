import "server-only";
// Every workflow of the platform; adding one is a line here.
import { storage } from "@/server/adapters/storage";
import { getDb } from "@/server/db";
import { generationDeps } from "@/server/deps";
import { appUrl, env } from "@/server/env";
import { usesInngest } from "../send";
import type { WorkflowDefinition } from "../types";
import { automationWorkflows } from "./automations";
import { monthlyCreditsWorkflow } from "./credit-grants";
import { generateFilesWorkflow, generationCancelledWorkflow, staleGenerationsWorkflow } from "./generate-files";
import { taskSchedulingWorkflows } from "./task-scheduling";

const appResources = async () => ({ db: await getDb(), storage: storage() });
const scheduling = async () => {
  const db = await getDb();
  return { db, generationDeps: () => generationDeps(db), appUrl: appUrl(env), allowPrivateWebhooks: env.WEBHOOK_ALLOW_PRIVATE };
};

export const workflowFunctions: WorkflowDefinition[] = [
  generateFilesWorkflow(appResources),
  generationCancelledWorkflow(appResources),
  ...taskSchedulingWorkflows(scheduling),
  ...automationWorkflows(async () => ({ db: await getDb() })),
  // Inline renders end within seconds; under Inngest the durable runs are not in our tables, so wait longer.
  staleGenerationsWorkflow(appResources, usesInngest ? 6 * 3_600_000 : 15 * 60_000),
  monthlyCreditsWorkflow(async () => ({ db: await getDb() })),
];
