import "server-only";
// /api/health: one check per dependency; any failure makes the whole report 503 and names it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, rowsOf } from "@/db/client";
import { storage } from "./adapters/storage";
import { dbHandle } from "./db";
import { isDraining } from "./lifecycle";
import { runnerState, usesInngest } from "./workflows/engine";
import { runnerHealth } from "./workflows/runs";

const STORAGE_PROBE_MS = 30_000;
const storageProbe: { at: number; error: string | null } = { at: 0, error: null };

export type HealthCheck = () => Promise<Record<string, unknown>>;

export const healthChecks: Record<string, HealthCheck> = {
  async db() {
    const h = await dbHandle();
    const started = performance.now();
    await h.db.execute(sql`select 1`);
    return { driver: h.kind, ms: Math.round((performance.now() - started) * 10) / 10 };
  },
  async storage() {
    // A write round trip on local disk at most every 30 s (probes poll often and must not write
    // each time); one metadata call on a remote store.
    const s = storage();
    const key = `health/probe-${process.pid}`;
    const started = performance.now();
    if (s.kind === "local") {
      const last = storageProbe.at;
      if (Date.now() - last > STORAGE_PROBE_MS || storageProbe.error) {
        storageProbe.at = Date.now();
        try {
          await s.put(key, new Uint8Array([1]), "application/octet-stream");
          if (!(await s.get(key))) throw new Error("a blob just written could not be read back");
          await s.delete(key);
          storageProbe.error = null;
        } catch (err) {
          storageProbe.error = err instanceof Error ? err.message : String(err);
        }
      }
      if (storageProbe.error) throw new Error(storageProbe.error);
    } else await s.exists(key);
    return { adapter: s.kind, ms: Math.round((performance.now() - started) * 10) / 10 };
  },
  async workflows() {
    if (usesInngest) return { engine: "inngest" };
    const state = runnerState();
    if (!state || state.stopping) throw new Error("the in-process workflow runner is not running");
    return { engine: "in-process", inFlight: state.inFlight, ...(await runnerHealth((await dbHandle()).db)) };
  },
};

/** Migrations the code expects (the committed journal) against those the database has applied. */
async function migrationsCheck() {
  const expected = (JSON.parse(await readFile(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
  const rows = rowsOf<{ n: number }>(await (await dbHandle()).db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
  const applied = Number(rows[0]?.n ?? 0);
  if (applied !== expected) throw new Error(`the database has ${applied} migrations applied, the code expects ${expected}`);
  return { applied };
}

/** Readiness: every dependency check, the migrations at the expected version, and not draining. */
export const readinessChecks: Record<string, HealthCheck> = {
  ...healthChecks,
  migrations: migrationsCheck,
  async lifecycle() {
    if (isDraining()) throw new Error("draining: shutting down after SIGTERM");
    return {};
  },
};

export async function runHealthChecks(timeoutMs = 3000, which: Record<string, HealthCheck> = healthChecks) {
  const entries = await Promise.all(
    Object.entries(which).map(async ([name, check]) => {
      try {
        const detail = await Promise.race([
          check(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)),
        ]);
        return [name, { status: "ok", ...detail }] as const;
      } catch (err) {
        return [name, { status: "error", error: err instanceof Error ? err.message : String(err) }] as const;
      }
    }),
  );
  const checks = Object.fromEntries(entries);
  const failing = entries.filter(([, v]) => v.status !== "ok").map(([k]) => k);
  return { status: failing.length ? ("error" as const) : ("ok" as const), failing, checks };
}
