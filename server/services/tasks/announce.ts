import "server-only";
// Workflow events the task service sends: a task became ready (the dispatcher matches it), or
// the organization's agents changed (queued tasks get another chance).
import type { DbOrTx } from "@/db/client";
import { and, eq, sql } from "drizzle-orm";
import { automations, type Task } from "@/db/schema";
import { emit } from "@/server/workflows/send";
import { offerQueued } from "./dispatch";

export const taskQueuedEvent = "tasks/task.queued";
export const agentsChangedEvent = "tasks/agents.changed";
export const taskFinishedEvent = "tasks/task.finished";

/**
 * A task became queued (call it in the transaction that queued it). It is matched at once; only a
 * task an agent the platform pushes to should take is handed to the dispatch workflow. A task for
 * pulling (MCP) agents costs no workflow run: its offer is recorded and it waits for a claim.
 */
export async function announceQueued(tx: DbOrTx, task: Task) {
  if (!(await offerQueued(tx, task))) return;
  await emit(tx, { name: taskQueuedEvent, data: { orgId: task.organizationId, taskId: task.id, priority: task.priority } });
}

export async function announceAgentsChanged(tx: DbOrTx, orgId: string) {
  await emit(tx, { name: agentsChangedEvent, data: { orgId } });
}

/** A task succeeded or failed: automations listening for it fire. */
export async function announceFinished(tx: DbOrTx, task: Task) {
  // Only organizations with event automations need to hear about it.
  const [listening] = await tx
    .select({ id: automations.id })
    .from(automations)
    .where(and(eq(automations.organizationId, task.organizationId), eq(automations.status, "active"), sql`${automations.trigger}->>'type' = 'event'`))
    .limit(1);
  if (!listening) return;
  const depth = (task.input as { _automation?: { depth?: number } })._automation?.depth ?? 0;
  await emit(tx, {
    name: taskFinishedEvent,
    data: { orgId: task.organizationId, taskId: task.id, status: task.status, taskTemplateId: task.taskTemplateId, depth, title: task.title, result: task.result },
  });
}
