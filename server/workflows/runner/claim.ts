import "server-only";
// Claiming runs: the oldest of the highest priority that are due, skipping rows another process
// holds (FOR UPDATE SKIP LOCKED), within each function's concurrency limit per key.
import { and, asc, desc, eq, gt, inArray, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type WorkflowRun, workflowRuns } from "@/db/schema";
import type { WorkflowDefinition } from "../types";
import { notifyRunners, wakeRunners } from "./signal";

export async function claimRuns(
  db: DbOrTx,
  opts: { owner: string; max: number; leaseMs: number; functions: Map<string, WorkflowDefinition>; now?: Date },
): Promise<WorkflowRun[]> {
  if (opts.max <= 0) return [];
  return db.transaction(async (tx) => {
    const now = opts.now ?? new Date();
    // Due-ness is judged by the database clock: timestamps are stored in microseconds, and a JS Date
    // (milliseconds) would call a run created in the same millisecond "not yet due".
    const dbNow = opts.now ?? sql`clock_timestamp()`;
    const candidates = await tx
      .select()
      .from(workflowRuns)
      .where(
        or(
          and(inArray(workflowRuns.status, ["queued", "sleeping", "waiting"]), lte(workflowRuns.runAt, dbNow)),
          and(eq(workflowRuns.status, "running"), lte(workflowRuns.leaseExpiresAt, dbNow)),
        ),
      )
      .orderBy(desc(workflowRuns.priority), asc(workflowRuns.createdAt))
      .limit(opts.max * 4)
      .for("update", { skipLocked: true });
    const claimed: WorkflowRun[] = [];
    // Once a key is full in this pass, later (lower-priority) runs of it wait too, even if a slot
    // frees while we look: otherwise a run finishing mid-pass lets a lower priority jump the queue.
    const fullKeys = new Set<string>();
    for (const run of candidates) {
      if (claimed.length >= opts.max) break;
      const def = opts.functions.get(run.functionId.replace(/:onFailure$/, ""));
      if (!def) continue; // another process may serve this function
      const limit = def.options.concurrency?.limit;
      if (limit && run.concurrencyKey && !run.functionId.endsWith(":onFailure")) {
        if (fullKeys.has(run.concurrencyKey)) continue;
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`wf-conc:${run.concurrencyKey}`}))`);
        const [row] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(workflowRuns)
          .where(and(eq(workflowRuns.concurrencyKey, run.concurrencyKey), eq(workflowRuns.status, "running"), gt(workflowRuns.leaseExpiresAt, now)));
        if ((row?.n ?? 0) >= limit) {
          fullKeys.add(run.concurrencyKey);
          continue;
        }
      }
      const [updated] = await tx
        .update(workflowRuns)
        .set({
          status: "running",
          leaseOwner: opts.owner,
          leaseExpiresAt: new Date(now.getTime() + opts.leaseMs),
          invocations: sql`${workflowRuns.invocations} + 1`,
          startedAt: run.startedAt ?? now,
        })
        .where(eq(workflowRuns.id, run.id))
        .returning();
      if (updated) claimed.push(updated);
    }
    return claimed;
  });
}

/**
 * Shutdown: hands every run this owner still holds back to the queue, due now, so another process
 * claims it at its next poll instead of after the lease expires. A step still executing here then
 * loses its lease: its late result is refused, and the step (idempotent) runs again elsewhere.
 */
export async function releaseLeases(db: DbOrTx, owner: string): Promise<number> {
  const rows = await db
    .update(workflowRuns)
    .set({ status: "queued", runAt: sql`clock_timestamp()`, leaseOwner: null, leaseExpiresAt: null })
    .where(and(eq(workflowRuns.leaseOwner, owner), eq(workflowRuns.status, "running")))
    .returning({ id: workflowRuns.id });
  if (rows.length) {
    await notifyRunners(db);
    wakeRunners();
  }
  return rows.length;
}

/** Milliseconds until the next run becomes due (a sleep or wait ends, a lease expires), or null when none is pending. */
export async function msUntilNextDue(db: DbOrTx): Promise<number | null> {
  const [row] = await db
    .select({
      ms: sql<number | null>`extract(epoch from (least(
        min(${workflowRuns.runAt}) filter (where ${workflowRuns.status} in ('queued', 'sleeping', 'waiting')),
        min(${workflowRuns.leaseExpiresAt}) filter (where ${workflowRuns.status} = 'running')
      ) - clock_timestamp())) * 1000`,
    })
    .from(workflowRuns)
    .where(inArray(workflowRuns.status, ["queued", "sleeping", "waiting", "running"]));
  return row?.ms === null || row?.ms === undefined ? null : Math.max(0, Number(row.ms));
}
