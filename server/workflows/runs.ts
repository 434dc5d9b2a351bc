import "server-only";
// Runs as the rest of the app sees them: lists and timelines for the Runs view, cancel and retry,
// and the backlog for /api/health. Tenant-facing reads pass the organization.
import { and, asc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type RunStatus, workflowEvents, workflowRuns, workflowSteps } from "@/db/schema";
import { announceCancelled, finalStatuses, insertRun } from "./runner/events";
import { AppError } from "@/server/errors";
import { newestFirst, nextCursorOf } from "@/server/pagination";
import { wakeRunners } from "./runner/signal";
import type { WorkflowDefinition, WorkflowEventPayload } from "./types";

export async function listRuns(db: DbOrTx, q: { orgId: string | null; functionId?: string; status?: RunStatus; subjectId?: string; limit: number; cursor?: string | null }) {
  const conds = [q.orgId ? eq(workflowRuns.organizationId, q.orgId) : isNull(workflowRuns.organizationId)];
  if (q.subjectId) {
    const data = sql`${workflowRuns.event}->'data'`;
    conds.push(sql`(${data}->>'generationId' = ${q.subjectId} or ${data}->>'taskId' = ${q.subjectId} or ${data}->'event'->'data'->>'generationId' = ${q.subjectId} or ${data}->'event'->'data'->>'taskId' = ${q.subjectId})`);
  }
  if (q.functionId) conds.push(eq(workflowRuns.functionId, q.functionId));
  if (q.status) conds.push(eq(workflowRuns.status, q.status));
  const page = newestFirst(workflowRuns.createdAt, workflowRuns.id);
  const rows = await db
    .select({ run: workflowRuns, cursor: page.cursor })
    .from(workflowRuns)
    .where(and(...conds, page.after(q.cursor)))
    .orderBy(...page.orderBy)
    .limit(q.limit + 1);
  return { items: rows.slice(0, q.limit).map((r) => r.run), nextCursor: nextCursorOf(rows, q.limit) };
}

export async function getRun(db: DbOrTx, id: string, orgId: string | null) {
  const [run] = await db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.id, id), orgId ? eq(workflowRuns.organizationId, orgId) : isNull(workflowRuns.organizationId)));
  if (!run) return null;
  const steps = await db.select().from(workflowSteps).where(eq(workflowSteps.runId, id)).orderBy(asc(workflowSteps.startedAt), asc(workflowSteps.position));
  return { ...run, steps };
}

/** Cancels an unfinished run; a step in flight finishes, no further step starts. */
export async function cancelRun(db: DbOrTx, id: string, orgId: string | null): Promise<boolean> {
  // With its announcement in one transaction: a crash between them would leave nothing to close what the run had started.
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(workflowRuns)
      .set({ status: "cancelled", endedAt: new Date(), wait: null, error: { name: "Cancelled", message: "cancelled by request" } })
      .where(and(eq(workflowRuns.id, id), orgId ? eq(workflowRuns.organizationId, orgId) : isNull(workflowRuns.organizationId), notInArray(workflowRuns.status, [...finalStatuses])))
      .returning({ id: workflowRuns.id, functionId: workflowRuns.functionId, event: workflowRuns.event });
    await announceCancelled(tx, rows.map((r) => ({ ...r, event: r.event as WorkflowEventPayload })));
    return rows.length > 0;
  });
}

/** Starts a new run of a failed or cancelled run's function with the same event, unless the function says its subject has ended. */
export async function retryRun(db: DbOrTx, id: string, orgId: string | null, functions: WorkflowDefinition[]) {
  const run = await getRun(db, id, orgId);
  if (!run || !["failed", "cancelled"].includes(run.status)) return null;
  const def = functions.find((f) => f.options.id === run.functionId);
  if (!def) return null;
  const blocked = await def.retryBlocker?.(db, run.event as WorkflowEventPayload);
  if (blocked) throw new AppError("CONFLICT", blocked);
  const fresh = await insertRun(db, def, run.event, { eventId: run.eventId });
  wakeRunners();
  return fresh;
}

export async function runnerHealth(db: DbOrTx) {
  const [runs] = await db
    .select({
      queued: sql<number>`count(*) filter (where ${workflowRuns.status} = 'queued' and ${workflowRuns.runAt} <= now())::int`,
      running: sql<number>`count(*) filter (where ${workflowRuns.status} = 'running')::int`,
      parked: sql<number>`count(*) filter (where ${inArray(workflowRuns.status, ["sleeping", "waiting"])} or (${workflowRuns.status} = 'queued' and ${workflowRuns.runAt} > now()))::int`,
      oldestDueMs: sql<number | null>`extract(epoch from (now() - min(${workflowRuns.runAt}) filter (where ${workflowRuns.status} = 'queued' and ${workflowRuns.runAt} <= now()))) * 1000`,
    })
    .from(workflowRuns);
  const [events] = await db.select({ undispatched: sql<number>`count(*)::int` }).from(workflowEvents).where(isNull(workflowEvents.dispatchedAt));
  return { ...runs!, oldestDueMs: runs?.oldestDueMs === null ? null : Math.round(Number(runs?.oldestDueMs)), undispatchedEvents: events?.undispatched ?? 0 };
}
