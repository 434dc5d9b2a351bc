import "server-only";
// /api/health: one check per dependency; any failure makes the whole report 503 and names it.
import { sql } from "drizzle-orm";
import { storage } from "./adapters/storage";
import { dbHandle } from "./db";
import { runnerState, usesInngest } from "./workflows/engine";
import { runnerHealth } from "./workflows/runs";

export type HealthCheck = () => Promise<Record<string, unknown>>;

export const healthChecks: Record<string, HealthCheck> = {
  async db() {
    const h = await dbHandle();
    const started = performance.now();
    await h.db.execute(sql`select 1`);
    return { driver: h.kind, ms: Math.round((performance.now() - started) * 10) / 10 };
  },
  async storage() {
    // A round trip on local disk; one metadata call on a remote store (health is polled often).
    const s = storage();
    const key = `health/probe-${process.pid}`;
    const started = performance.now();
    if (s.kind === "local") {
      await s.put(key, new Uint8Array([1]), "application/octet-stream");
      if (!(await s.get(key))) throw new Error("a blob just written could not be read back");
      await s.delete(key);
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

export async function runHealthChecks(timeoutMs = 3000) {
  const entries = await Promise.all(
    Object.entries(healthChecks).map(async ([name, check]) => {
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
