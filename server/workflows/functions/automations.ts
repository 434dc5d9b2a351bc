import "server-only";
// Automations as workflows: a cron tick fires the due schedules, and a finished task fires the
// automations that react to it.
import type { DbOrTx } from "@/db/client";
import { taskFinishedEvent } from "@/server/services/tasks/announce";
import { automationsDue, fireDueAutomations, fireOnTaskFinished } from "@/server/services/tasks/automations";
import { defineWorkflow } from "../define";

export function automationWorkflows(resolve: () => Promise<{ db: DbOrTx }>) {
  const onFinished = defineWorkflow<{ orgId: string; taskId: string; status: string; taskTemplateId?: string | null; depth?: number; title?: string; result?: unknown }>(
    { id: "automations-on-task-finished", name: "Fire automations when a task ends", triggers: [{ event: taskFinishedEvent }], retries: 2 },
    async ({ event, step }) => {
      const { db } = await resolve();
      return step.run("fire", async () => ({ created: await fireOnTaskFinished(db, event.data) }));
    },
  );
  const schedule = defineWorkflow(
    { id: "automations-schedule", name: "Fire scheduled automations", triggers: [{ cron: "* * * * *" }], retries: 1, workDue: async () => automationsDue((await resolve()).db) },
    async ({ step }) => {
      const { db } = await resolve();
      return step.run("fire-due", async () => ({ created: await fireDueAutomations(db) }));
    },
  );
  return [onFinished, schedule];
}
