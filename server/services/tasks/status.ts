import "server-only";
// The task status machine: which transitions exist, applied with an optimistic check so two
// writers never both move the same task, each one recorded as a task event and signalled live.
import { and, eq } from "drizzle-orm";
import { type Task, type TaskStatus, taskEvents, tasks } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import { AppError } from "@/server/errors";
import { announceFinished } from "./announce";
import { signalTask } from "@/server/adapters/pubsub/task-events";
import { closeAttemptHold } from "./capacity";

export const transitions: Record<TaskStatus, TaskStatus[]> = {
  pending: ["blocked", "queued", "cancelled"],
  blocked: ["queued", "cancelled"],
  // queued → failed: the buyer of another organization's agent could not pay at assignment.
  queued: ["assigned", "blocked", "cancelled", "failed"],
  assigned: ["running", "queued", "succeeded", "failed", "cancelled"],
  running: ["succeeded", "failed", "queued", "cancelled"],
  succeeded: [],
  failed: ["queued", "blocked"],
  cancelled: ["queued", "blocked"],
};

export const finalStatuses: TaskStatus[] = ["succeeded", "failed", "cancelled"];

export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return transitions[from].includes(to);
}

/** Records an event on the task's timeline and signals it to live subscribers. */
export async function recordEvent(tx: DbOrTx, task: Pick<Task, "id" | "organizationId" | "status" | "progress" | "progressMessage">, type: string, actor: string, data: Record<string, unknown> = {}) {
  const [ev] = await tx.insert(taskEvents).values({ taskId: task.id, organizationId: task.organizationId, type, actor, data }).returning({ id: taskEvents.id });
  await signalTask(tx, { orgId: task.organizationId, taskId: task.id, eventId: ev!.id, type, status: task.status, progress: task.progress, message: task.progressMessage });
  return ev!.id;
}

/**
 * Moves a task from its current status to `to`, with the other column changes in `patch`.
 * Refuses a transition the machine does not have, and a task another writer moved first.
 */
export async function moveTask(tx: DbOrTx, task: Task, to: TaskStatus, patch: Partial<Task>, event: { type: string; actor: string; data?: Record<string, unknown> }): Promise<Task> {
  if (!canMove(task.status, to)) {
    throw new AppError("CONFLICT", `A ${task.status} task cannot become ${to}${task.status === "succeeded" ? ": it has already succeeded" : ""}`);
  }
  // Leaving assigned/running ends the attempt's hold (if it bought capacity) in this transaction.
  const closing = await closeAttemptHold(tx, task, to);
  const [moved] = await tx
    .update(tasks)
    .set({ ...patch, ...closing?.patch, status: to, updatedAt: new Date() })
    .where(and(eq(tasks.id, task.id), eq(tasks.status, task.status)))
    .returning();
  if (!moved) throw new AppError("CONFLICT", "The task changed while this request ran; read it again");
  await recordEvent(tx, moved, event.type, event.actor, { from: task.status, to, ...event.data });
  if (closing) await recordEvent(tx, moved, closing.event.type, "ledger", closing.event.data);
  if (to === "succeeded" || to === "failed") await announceFinished(tx, moved);
  return moved;
}
