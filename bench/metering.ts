// Usage metering: how many metered calls per second the batched writer keeps up with on
// PostgreSQL (target ≥ 10,000/s), and what metering and the plan's rate checks add to an MCP
// tools/call (target < 5 %), measured on and off in the same run, interleaved so drift hits both.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "../db/client";
import { migrateDb, openDb } from "../db/client";
import { usageCounters } from "../db/schema";
import { handleMcpRequest } from "../server/mcp/http";
import { insertApiKey } from "../server/services/keys/api-keys";
import { applyBatch } from "../server/services/metering/counters";
import { Meter } from "../server/services/metering/meter";
import { closeMeter, setMetering } from "../server/services/metering/registry";
import { scopes } from "../server/services/permissions";
import { definePlans, type PlanInput, planLimits } from "../server/services/plans";
import { contextFrom } from "../server/trpc/context";
import { makeOrg } from "../server/trpc/testing";
import { withScratchPostgres } from "./scratch-postgres";
import { type BenchRow, percentile, printRows } from "./stats";

const yieldNow = () => new Promise<void>((r) => setImmediate(r));

/** Records `events` calls spread over `counters` distinct (org, key, surface) counters through a real Meter, then waits for the last write. */
async function ingest(h: DbHandle, orgIds: string[], events: number, distinct: (i: number) => { orgId: string; apiKeyId: string | null; surface: string }) {
  const meter = new Meter((b) => applyBatch(h.db, b), { maxEvents: 5000, intervalMs: 1000 });
  const before = await totalCalls(h, orgIds);
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    meter.record(distinct(i));
    if (i % 1000 === 999) await yieldNow(); // calls arrive over time: let the writer run between them
  }
  await meter.flush();
  const seconds = (performance.now() - t0) / 1000;
  meter.stop();
  const written = (await totalCalls(h, orgIds)) - before;
  if (written !== events) throw new Error(`metered ${events} calls, counters say ${written}`);
  return events / seconds;
}

async function totalCalls(h: DbHandle, orgIds: string[]) {
  const [row] = await h.db
    .select({ n: sql<number>`coalesce(sum(${usageCounters.value}), 0)::bigint` })
    .from(usageCounters)
    .where(and(eq(usageCounters.metric, "calls"), inArray(usageCounters.organizationId, orgIds)));
  return Number(row?.n ?? 0);
}

async function benchIngestion(): Promise<BenchRow[]> {
  return withScratchPostgres("metering", async (h) => {
    const orgs = await Promise.all(Array.from({ length: 50 }, async (_, i) => (await makeOrg(h.db, `Metered ${i}`)).org.id));
    const keys = orgs.flatMap((o) => Array.from({ length: 4 }, () => ({ orgId: o, apiKeyId: crypto.randomUUID() })));
    const surfaces = ["mcp", "rest", "trpc"];
    const n = 200_000;
    // 50 organizations × 4 keys × 3 surfaces = 600 counters: a busy platform's mix.
    const mixed = await ingest(h, orgs, n, (i) => ({ ...keys[i % keys.length]!, surface: surfaces[i % 3]! }));
    // Every call its own counter (a new key each time): the writer's worst case, one upserted row per call.
    const worst = await ingest(h, orgs, 50_000, (i) => ({ orgId: orgs[i % orgs.length]!, apiKeyId: crypto.randomUUID(), surface: "mcp" }));
    return [
      { name: `metered calls/s written, ${n.toLocaleString("en")} calls over 600 counters`, p50: mixed, p95: mixed, unit: "/s", note: "target ≥ 10,000/s; counted in memory, batches of 5,000" },
      { name: "metered calls/s written, every call a new counter row", p50: worst, p95: worst, unit: "/s", note: "worst case: one upsert per call" },
    ];
  });
}

const accept = "application/json, text/event-stream";
const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "orgs_current", arguments: {} } });

/** MCP tools/call latency with metering and rate checks on, metering off, and both off — interleaved rounds. */
async function benchMcpOverhead(kind: "pglite" | "postgres", h: DbHandle, rounds = 24, perRound = 30): Promise<BenchRow[]> {
  const { org, owner } = await makeOrg(h.db, "Metered MCP");
  const { secret } = await insertApiKey(h.db, { orgId: org.id, name: "bench", scopes, createdBy: owner.id });
  const createContext = (o: { headers: Headers }) => contextFrom({ db: h.db, sessionUser: async () => null }, o);
  const call = async () => {
    const res = await handleMcpRequest(new Request("http://localhost/api/mcp", { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", accept }, body }), { createContext });
    if (res.status !== 200) throw new Error(`mcp ${res.status}`);
    await res.text();
  };
  // Limits far above what the bench sends: the limiter is consulted on every call, never refuses.
  const rated: PlanInput = { ...planLimits("free"), apiCallsPerMinutePerKey: 1e9, apiCallsPerMinutePerOrg: 1e9 };
  const modes = {
    on: () => {
      setMetering(true);
      definePlans({ free: rated });
    },
    meteringOff: () => {
      setMetering(false);
      definePlans({ free: rated });
    },
    allOff: () => {
      setMetering(false);
      definePlans({ free: { ...rated, apiCallsPerMinutePerKey: null, apiCallsPerMinutePerOrg: null } });
    },
  };
  const samples: Record<keyof typeof modes, number[]> = { on: [], meteringOff: [], allOff: [] };
  for (let i = 0; i < 30; i++) await call();
  const order = Object.keys(modes) as (keyof typeof modes)[];
  for (let r = 0; r < rounds; r++) {
    // Each round starts with another mode, so neither warm-up nor a neighbour's flush favours one.
    for (const m of [...order.slice(r % 3), ...order.slice(0, r % 3)]) {
      modes[m]();
      for (let i = 0; i < perRound; i++) {
        const t = performance.now();
        await call();
        samples[m].push(performance.now() - t);
      }
    }
  }
  setMetering(true);
  await closeMeter(h.db);
  const p = (m: keyof typeof modes, q: number) => percentile([...samples[m]].sort((a, b) => a - b), q);
  const added = (p("on", 50) / p("allOff", 50) - 1) * 100;
  return [
    { name: `MCP tools/call orgs_current (${kind}), metering + rate checks on`, p50: p("on", 50), p95: p("on", 95), baselineName: "metering off", baselineP50: p("meteringOff", 50), baselineP95: p("meteringOff", 95) },
    { name: `the same, metering + rate checks on (${kind})`, p50: p("on", 50), p95: p("on", 95), baselineName: "both off", baselineP50: p("allOff", 50), baselineP95: p("allOff", 95), note: `${added >= 0 ? "+" : ""}${added.toFixed(1)} % at p50 (target < 5 %)` },
  ];
}

/** What a request itself pays: one meter.record() (a Map update), in microseconds. */
function recordCost(): BenchRow {
  const meter = new Meter(async () => {}, { maxEvents: Number.MAX_SAFE_INTEGER, intervalMs: 3_600_000 });
  const e = { orgId: "00000000-0000-4000-8000-000000000001", apiKeyId: "00000000-0000-4000-8000-000000000002", surface: "mcp" };
  const lat: number[] = [];
  for (let r = 0; r < 50; r++) {
    const t = performance.now();
    for (let i = 0; i < 10_000; i++) meter.record(e);
    lat.push(((performance.now() - t) * 1000) / 10_000);
  }
  meter.stop();
  lat.sort((a, b) => a - b);
  return { name: "meter.record() on the request path (no I/O)", p50: percentile(lat, 50), p95: percentile(lat, 95), unit: "µs" };
}

export async function benchMetering(): Promise<BenchRow[]> {
  const free = planLimits("free");
  const rows = [recordCost(), ...(await benchIngestion())];
  const lite = await openDb({ kind: "pglite" });
  await migrateDb(lite);
  try {
    rows.push(...(await benchMcpOverhead("pglite", lite)));
  } finally {
    await lite.close();
  }
  rows.push(...(await withScratchPostgres("metering_mcp", (h) => benchMcpOverhead("postgres", h))));
  definePlans({ free }); // the caller's free plan, as it was
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows("Usage metering", await benchMetering());
}
