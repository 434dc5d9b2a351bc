import "server-only";
// Events: recorded once (idempotency key), then dispatched by a runner: runs started for the
// functions they trigger, waits resolved, cancellations applied — in one transaction per event.
import { and, asc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { type RunWait, type WorkflowEvent, workflowEvents, workflowRuns, workflowSteps } from "@/db/schema";
import { readPath } from "../define";
import type { WorkflowDefinition, WorkflowEventPayload } from "../types";
import { notifyRunners, wakeRunners } from "./signal";
import { withTraceContext } from "../trace-context";

export const finalStatuses = ["completed", "failed", "cancelled"] as const;

/** Records an event for the runner. The same `id` twice records it once. */
export async function sendEvent(db: DbOrTx, payload: WorkflowEventPayload | WorkflowEventPayload[]): Promise<{ ids: string[] }> {
  const list = withTraceContext(Array.isArray(payload) ? payload : [payload]);
  const ids: string[] = [];
  for (const e of list) {
    const orgId = typeof e.data?.orgId === "string" ? e.data.orgId : null;
    const [row] = await db
      .insert(workflowEvents)
      .values({ name: e.name, data: e.data ?? {}, idempotencyKey: e.id ?? null, organizationId: orgId })
      .onConflictDoNothing({ target: workflowEvents.idempotencyKey })
      .returning({ id: workflowEvents.id });
    if (row) ids.push(row.id);
    else if (e.id) {
      const [existing] = await db.select({ id: workflowEvents.id }).from(workflowEvents).where(eq(workflowEvents.idempotencyKey, e.id));
      if (existing) ids.push(existing.id);
    }
  }
  if (ids.length) await notifyRunners(db);
  wakeRunners();
  return { ids };
}

/** Like Inngest, a cancelled run announces itself, carrying the event that started it. */
export const functionCancelled = "inngest/function.cancelled";

export async function announceCancelled(db: DbOrTx, runs: { id: string; functionId: string; event: WorkflowEventPayload }[]) {
  if (!runs.length) return;
  await sendEvent(
    db,
    runs.map((r) => ({ name: functionCancelled, data: { orgId: r.event.data?.orgId ?? null, function_id: r.functionId, run_id: r.id, event: r.event } })),
  );
}

/** Serializes dispatching an event name with registering a wait for it, so neither misses the other. */
export async function lockEventName(tx: Tx, name: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`wf-event:${name}`}))`);
}

export function matches(wait: RunWait, event: { data: unknown }): boolean {
  if (!wait.match) return true;
  return JSON.stringify(readPath(event, wait.match) ?? null) === JSON.stringify(wait.matchValue ?? null);
}

export function priorityOf(def: WorkflowDefinition, event: WorkflowEventPayload): number {
  if (!def.options.priority) return 0;
  const v = Number(readPath({ event }, def.options.priority.run));
  return Number.isFinite(v) ? Math.max(-600, Math.min(600, Math.round(v))) : 0;
}

export function concurrencyKeyOf(def: WorkflowDefinition, event: WorkflowEventPayload): string | null {
  const c = def.options.concurrency;
  if (!c) return null;
  return c.key ? `${def.options.id}:${JSON.stringify(readPath({ event }, c.key) ?? null)}` : def.options.id;
}

export async function insertRun(tx: DbOrTx, def: WorkflowDefinition, event: WorkflowEventPayload, extra: { eventId?: string | null; parentRunId?: string; functionId?: string } = {}) {
  const orgId = typeof event.data?.orgId === "string" ? (event.data.orgId as string) : null;
  const [run] = await tx
    .insert(workflowRuns)
    .values({
      functionId: extra.functionId ?? def.options.id,
      eventId: extra.eventId ?? null,
      event: { name: event.name, data: event.data },
      organizationId: orgId,
      priority: priorityOf(def, event),
      concurrencyKey: concurrencyKeyOf(def, event),
      parentRunId: extra.parentRunId ?? null,
    })
    .returning();
  return run!;
}

async function dispatchOne(tx: Tx, ev: WorkflowEvent, functions: WorkflowDefinition[]) {
  await lockEventName(tx, ev.name);
  const payload = { name: ev.name, data: ev.data, id: ev.id };
  for (const def of functions) {
    if (def.options.triggers.some((t) => "event" in t && t.event === ev.name)) await insertRun(tx, def, payload, { eventId: ev.id });
  }
  // Waits for this event.
  const waiting = await tx
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.status, "waiting"), sql`${workflowRuns.wait}->>'event' = ${ev.name}`))
    .for("update");
  for (const run of waiting) {
    const wait = run.wait!;
    if (!matches(wait, payload) || new Date(wait.timeoutAt) < ev.createdAt) continue;
    await tx
      .insert(workflowSteps)
      .values({ runId: run.id, stepId: wait.stepId, kind: "waitForEvent", status: "completed", output: payload, endedAt: new Date() })
      .onConflictDoNothing();
    await tx.update(workflowRuns).set({ status: "queued", wait: null, runAt: new Date() }).where(eq(workflowRuns.id, run.id));
  }
  // Cancellations.
  for (const def of functions) {
    for (const c of def.options.cancelOn ?? []) {
      if (c.event !== ev.name) continue;
      const open = await tx
        .select({ id: workflowRuns.id, event: workflowRuns.event })
        .from(workflowRuns)
        .where(and(eq(workflowRuns.functionId, def.options.id), notInArray(workflowRuns.status, [...finalStatuses])));
      const hit = open.filter((r) => JSON.stringify(readPath(r.event, c.match) ?? null) === JSON.stringify(readPath(payload, c.match) ?? null));
      if (hit.length) {
        await tx
          .update(workflowRuns)
          .set({ status: "cancelled", endedAt: new Date(), wait: null, error: { name: "Cancelled", message: `cancelled by event ${ev.name}` } })
          .where(inArray(workflowRuns.id, hit.map((r) => r.id)));
        await announceCancelled(tx, hit.map((r) => ({ id: r.id, functionId: def.options.id, event: r.event as WorkflowEventPayload })));
      }
    }
  }
  await tx.update(workflowEvents).set({ dispatchedAt: new Date() }).where(eq(workflowEvents.id, ev.id));
}

/** Dispatches undispatched events, oldest first; safe to call from several processes at once. */
export async function dispatchEvents(db: DbOrTx, functions: WorkflowDefinition[], batch = 50): Promise<number> {
  let done = 0;
  for (let i = 0; i < batch; i++) {
    const dispatched = await db.transaction(async (tx) => {
      const [ev] = await tx
        .select()
        .from(workflowEvents)
        .where(isNull(workflowEvents.dispatchedAt))
        .orderBy(asc(workflowEvents.createdAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!ev) return false;
      await dispatchOne(tx, ev, functions);
      return true;
    });
    if (!dispatched) break;
    done++;
  }
  return done;
}
