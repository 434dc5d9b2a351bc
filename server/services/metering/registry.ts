import "server-only";
// One meter per database handle in this process (the app has one; tests and benches open several),
// kept on globalThis so hot reload and Next's several module copies share it. The meters are
// drained at shutdown through server/lifecycle's hooks.
import type { Db } from "@/db/client";
import { logger } from "@/server/logger";
import { onShutdown } from "@/server/lifecycle";
import { applyBatch, pruneBatches } from "./counters";
import { Meter, type MeterEvent } from "./meter";

const g = globalThis as unknown as { __cmpMeters?: Map<Db, Meter>; __cmpMeteringOff?: boolean };
const PRUNE_EVERY_MS = 3_600_000;

/** The meter writing to `db` (made on first use; drained at shutdown within graceMs). */
export function meterFor(db: Db, opts: { graceMs?: number } = {}): Meter {
  const meters = (g.__cmpMeters ??= new Map());
  let m = meters.get(db);
  if (m) return m;
  let prunedAt = Date.now();
  m = new Meter(
    async (batch) => {
      await applyBatch(db, batch);
      if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        await pruneBatches(db).catch((err: unknown) => logger.warn({ err }, "usage batch log not pruned"));
      }
    },
    { onError: (err) => logger.warn({ err }, "usage counters not written yet; retrying the same batch") },
  );
  meters.set(db, m);
  const meter = m;
  onShutdown(() => meter.drain(), opts.graceMs ?? 10_000);
  return m;
}

/** Counts an event for `db`'s meter, unless metering is switched off (benches compare both). */
export function meterEvent(db: Db, e: MeterEvent, opts?: { graceMs?: number }): void {
  if (g.__cmpMeteringOff) return;
  meterFor(db, opts).record(e);
}

export function setMetering(on: boolean): void {
  g.__cmpMeteringOff = !on;
}

/** Writes `db`'s pending counts now (tests; shutdown uses drain). */
export async function flushMeter(db: Db): Promise<void> {
  await g.__cmpMeters?.get(db)?.flush();
}

/** Forgets `db`'s meter after writing what it holds (a closed test database). */
export async function closeMeter(db: Db): Promise<void> {
  const m = g.__cmpMeters?.get(db);
  if (!m) return;
  await m.flush();
  m.stop();
  g.__cmpMeters!.delete(db);
}
