import "server-only";
// Task scheduling as durable workflows: dispatch a queued task (match, then run on the built-in
// agent or deliver to a webhook), re-offer queued tasks when agents change, and a maintenance tick
// that requeues tasks whose lease expired and takes silent agents offline.
import type { DbOrTx } from "@/db/client";
import type { GenerationDeps } from "@/server/services/filegen/generations";
import { markStaleAgentsOffline, staleAgentsExist } from "@/server/services/tasks/agents";
import { agentsChangedEvent, taskQueuedEvent } from "@/server/services/tasks/announce";
import { expiredLeasesExist, requeueExpiredLeases } from "@/server/services/tasks/claim";
import { deliverToWebhook, dispatchQueuedTask, redispatchQueued, releaseUndelivered, runBuiltinFilegen } from "@/server/services/tasks/dispatch";
import { defineWorkflow } from "../define";

export interface SchedulingResources {
  db: DbOrTx;
  generationDeps: () => Promise<GenerationDeps>;
  appUrl: string;
  allowPrivateWebhooks: boolean;
  /** Delivery attempts within one step before the step itself fails and is retried. */
  webhookAttempts?: number;
  webhookBackoffMs?: number;
}

export function taskSchedulingWorkflows(resolve: () => Promise<SchedulingResources>) {
  const dispatch = defineWorkflow<{ orgId: string; taskId: string; priority: number }>(
    { id: "dispatch-task", name: "Dispatch a task", triggers: [{ event: taskQueuedEvent }], retries: 3, priority: { run: "event.data.priority" } },
    async ({ event, step }) => {
      const r = await resolve();
      const decision = await step.run("match", () => dispatchQueuedTask(r.db, event.data.taskId));
      if (decision.action === "builtin:filegen") {
        const out = await step.run("generate", async () => runBuiltinFilegen(r.db, event.data.taskId, await r.generationDeps()));
        // A slot of the built-in agent is free again: queued tasks waiting for capacity get another look.
        await step.run("capacity-freed", async () => ({ announced: await redispatchQueued(r.db, event.data.orgId) }));
        return { decision, out };
      }
      if (decision.action === "webhook") {
        const out = await step.run("deliver", () => deliverToWebhook(r.db, event.data.taskId, { appUrl: r.appUrl, allowPrivate: r.allowPrivateWebhooks, attempts: r.webhookAttempts, backoffMs: r.webhookBackoffMs }));
        return { decision, out };
      }
      return { decision };
    },
    async ({ event, error }) => {
      const r = await resolve();
      await releaseUndelivered(r.db, event.data.taskId, error.message);
    },
  );

  const redispatch = defineWorkflow<{ orgId: string }>(
    { id: "redispatch-queued", name: "Re-offer queued tasks", triggers: [{ event: agentsChangedEvent }], retries: 2, concurrency: { limit: 1, key: "event.data.orgId" } },
    async ({ event, step }) => {
      const r = await resolve();
      return step.run("announce", async () => ({ announced: await redispatchQueued(r.db, event.data.orgId) }));
    },
  );

  const maintenance = defineWorkflow(
    {
      id: "tasks-maintenance",
      name: "Requeue expired leases, mark silent agents offline",
      triggers: [{ cron: "* * * * *" }],
      retries: 1,
      // Durable (retried) when there is something to move; a minute with nothing to do records nothing.
      workDue: async () => {
        const { db } = await resolve();
        return (await expiredLeasesExist(db)) || (await staleAgentsExist(db));
      },
    },
    async ({ step }) => {
      const r = await resolve();
      const requeued = await step.run("leases", () => requeueExpiredLeases(r.db));
      const offline = await step.run("heartbeats", () => markStaleAgentsOffline(r.db));
      return { requeued, offline };
    },
  );

  return [dispatch, redispatch, maintenance];
}
