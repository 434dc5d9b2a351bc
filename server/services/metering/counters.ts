import "server-only";
// The durable side of metering: a batch of additions to usage_counters, applied exactly once.
// The batch's id goes into usage_batches in the same transaction as its additions, so a batch
// retried after an unknown outcome (a lost connection after the commit) is recognised and skipped.
import { lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { usageBatches, usageCounters } from "@/db/schema";

export interface MeterRow {
  orgId: string;
  /** YYYY-MM-DD, UTC. */
  day: string;
  apiKeyId: string | null;
  surface: string;
  metric: string;
  value: number;
}

export interface MeterBatch {
  id: string;
  /** How many events the rows add up (for the batch log). */
  events: number;
  rows: MeterRow[];
}

export const rowKey = (r: Omit<MeterRow, "value">) => `${r.orgId}|${r.day}|${r.apiKeyId ?? ""}|${r.surface}|${r.metric}`;
const CHUNK = 500;

/** Adds the batch's rows to the counters; false when this batch was applied before (nothing added). */
export async function applyBatch(db: DbOrTx, batch: MeterBatch): Promise<boolean> {
  // Always the same row order: two instances adding to the same counters lock them in one order.
  const rows = [...batch.rows].sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : 1));
  return db.transaction(async (tx) => {
    const [fresh] = await tx.insert(usageBatches).values({ id: batch.id, events: batch.events }).onConflictDoNothing().returning({ id: usageBatches.id });
    if (!fresh) return false;
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx
        .insert(usageCounters)
        .values(rows.slice(i, i + CHUNK).map((r) => ({ organizationId: r.orgId, day: r.day, apiKeyId: r.apiKeyId, surface: r.surface, metric: r.metric, value: r.value })))
        .onConflictDoUpdate({
          target: [usageCounters.organizationId, usageCounters.day, usageCounters.apiKeyId, usageCounters.surface, usageCounters.metric],
          set: { value: sql`${usageCounters.value} + excluded.value`, updatedAt: sql`now()` },
        });
    }
    return true;
  });
}

/** Forgets batch ids older than `days`: a retry comes within seconds, not weeks. */
export async function pruneBatches(db: DbOrTx, days = 7): Promise<void> {
  await db.delete(usageBatches).where(lt(usageBatches.appliedAt, new Date(Date.now() - days * 86_400_000)));
}
