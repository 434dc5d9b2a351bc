// `npm run bench` over HTTP: the built server started as `npm start` runs it, loaded by autocannon
// from this process, beside the bare MCP SDK echo server (another process) in the same run.
// Figures: requests per second at 10 connections, p50 and p99 latency, and the ratio to the bare
// SDK measured in slices alternating with each row's (on a shared machine the load drifts). Run on
// the embedded default (PGlite) and on PostgreSQL.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { type MixedLoadResult, mixedLoad } from "./mixed-load";

const root = path.resolve(import.meta.dirname, "..");
const KEY = `cmp_bench_${"k".repeat(40)}`;
const accept = "application/json, text/event-stream";
// Limits far above what the load reaches: the limiter is still consulted on every call.
const BENCH_PLANS = JSON.stringify({ free: { tasksPerDay: 10_000_000, generationsPerDay: 10_000_000, apiCallsPerMinutePerKey: 100_000_000, apiCallsPerMinutePerOrg: 100_000_000, members: 1000, monthlyCreditGrant: 1000 } });
const call = (name: string, args: Record<string, unknown>) => JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } });

export interface ThroughputRow {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The bare SDK's req/s measured in slices alternating with this row's (the machine's load drifts within a run). */
  bareRps?: number;
}

export async function waitFor(url: string, ms = 240_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function stop(child: ChildProcess) {
  if (child.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

type LoadOpts = { url: string; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string };

async function load(name: string, opts: LoadOpts, seconds: number): Promise<ThroughputRow> {
  // A short warm-up, then the measured run.
  await autocannon({ ...opts, connections: 10, duration: 2 });
  const r = await autocannon({ ...opts, connections: 10, duration: seconds });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

export async function startApp(port: number, env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NODE_OPTIONS: "", PORT: String(port), HOSTNAME: "127.0.0.1", APP_URL: `http://127.0.0.1:${port}`, SEED_API_KEY: KEY, SEED_DEMO: "1", LOG_LEVEL: "warn", PLANS_JSON: BENCH_PLANS, ...env },
  });
  await waitFor(`http://127.0.0.1:${port}/api/health/ready`);
  return child;
}

async function startEcho(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [path.join(root, "bench", "echo-server.mjs"), "0"], { cwd: root, detached: true, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_OPTIONS: "" } });
  const port = await new Promise<number>((resolve) => child.stdout!.once("data", (d: Buffer) => resolve(Number(/listening (\d+)/.exec(d.toString())![1]))));
  return { child, port };
}

/**
 * A row and the bare SDK in alternating slices (4 each, seconds/4 long, after a warm-up of both),
 * so a change in the machine's load during the row weighs on both figures alike: req/s is the mean
 * of the slices, p50 their median, p99 their worst.
 */
async function pairedLoad(name: string, opts: LoadOpts, bare: LoadOpts, seconds: number): Promise<ThroughputRow> {
  await autocannon({ ...bare, connections: 10, duration: 2 });
  await autocannon({ ...opts, connections: 10, duration: 2 });
  const app: autocannon.Result[] = [];
  const base: autocannon.Result[] = [];
  for (let i = 0; i < 4; i++) {
    base.push(await autocannon({ ...bare, connections: 10, duration: seconds / 4 }));
    app.push(await autocannon({ ...opts, connections: 10, duration: seconds / 4 }));
  }
  const mean = (rs: autocannon.Result[]) => rs.reduce((a, r) => a + r.requests.average, 0) / rs.length;
  const p50s = app.map((r) => r.latency.p50).sort((x, y) => x - y);
  return { name, rps: mean(app), p50: (p50s[1]! + p50s[2]!) / 2, p99: Math.max(...app.map((r) => r.latency.p99)), errors: app.reduce((a, r) => a + r.errors + r.non2xx, 0), bareRps: mean(base) };
}

async function appRows(label: string, port: number, seconds: number, bare: LoadOpts): Promise<ThroughputRow[]> {
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${KEY}` };
  const mcp = { url: `${base}/api/mcp`, method: "POST" as const, headers: { ...auth, "content-type": "application/json", accept } };
  return [
    await pairedLoad(`${label}: MCP tools/call tasks_list {limit:10}`, { ...mcp, body: call("tasks_list", { limit: 10 }) }, bare, seconds),
    await pairedLoad(`${label}: MCP tools/call orgs_current`, { ...mcp, body: call("orgs_current", {}) }, bare, seconds),
    await pairedLoad(`${label}: REST GET /api/v1/tasks?limit=10`, { url: `${base}/api/v1/tasks?limit=10`, headers: auth }, bare, seconds),
    await pairedLoad(`${label}: tRPC tasks.list (SDK)`, { url: `${base}/api/trpc/tasks.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 10 } }))}`, headers: auth }, bare, seconds),
  ];
}

export async function benchHttp(seconds = 8): Promise<{ rows: ThroughputRow[]; baseline: ThroughputRow; mixed: (MixedLoadResult & { db: string })[] }> {
  const echo = await startEcho();
  // Ports base+1 … base+4 (several people benchmarking on one machine each pass their own BENCH_PORT_BASE).
  const base = Number(process.env.BENCH_PORT_BASE ?? 3490);
  const rows: ThroughputRow[] = [];
  const mixed: (MixedLoadResult & { db: string })[] = [];
  let baseline: ThroughputRow;
  try {
    const bare: LoadOpts = { url: `http://127.0.0.1:${echo.port}/`, method: "POST", headers: { "content-type": "application/json", accept }, body: call("echo", { text: "hi" }) };
    baseline = await load("bare MCP SDK echo server (stateless)", bare, seconds);
    const pglite = await startApp(base + 1, { DATA_DIR: mkdtempSync(path.join(tmpdir(), "cmp-bench-")) });
    try {
      rows.push(...(await appRows("PGlite", base + 1, seconds, bare)));
      mixed.push({ db: "PGlite", ...(await mixedLoad(`http://127.0.0.1:${base + 1}`, KEY)) });
    } finally {
      stop(pglite);
    }
    const dbName = `bench_http_${process.pid}`;
    const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    try {
      const pg = await startApp(base + 2, { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${dbName}`, DATA_DIR: mkdtempSync(path.join(tmpdir(), "cmp-bench-")) });
      try {
        rows.push(...(await appRows("PostgreSQL", base + 2, seconds, bare)));
        mixed.push({ db: "PostgreSQL", ...(await mixedLoad(`http://127.0.0.1:${base + 2}`, KEY)) });
      } finally {
        stop(pg);
      }
    } finally {
      await new Promise((r) => setTimeout(r, 500));
      await admin.unsafe(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  } finally {
    stop(echo.child);
  }
  return { rows, baseline, mixed };
}

export function printThroughput(title: string, { rows, baseline, mixed }: { rows: ThroughputRow[]; baseline: ThroughputRow; mixed: (MixedLoadResult & { db: string })[] }) {
  console.log(`\n${title}`);
  console.table(
    [baseline, ...rows].map((r) => ({
      benchmark: r.name,
      "req/s": Math.round(r.rps),
      "p50 ms": r.p50,
      "p99 ms": r.p99,
      errors: r.errors,
      "bare SDK req/s, alternating": r === baseline ? "—" : Math.round(r.bareRps ?? baseline.rps),
      "bare SDK ÷ this": r === baseline ? "—" : `${((r.bareRps ?? baseline.rps) / r.rps).toFixed(2)}×`,
    })),
  );
  console.log("\n50 MCP agents at once, each creating, claiming, reporting, reading, listing and completing its tasks (goal: p99 < 200 ms, no errors, nothing lost)");
  console.table(mixed.map((m) => ({ database: m.db, seconds: m.seconds, calls: m.calls, "calls/s": Math.round(m.calls / m.seconds), "p50 ms": Math.round(m.p50), "p99 ms": Math.round(m.p99), errors: m.errors, tasks: m.tasks, lost: m.lost })));
  console.log("Per tool (p50 / p99 ms; agents_register is the set-up, outside the figures above)");
  console.table(mixed.map((m) => ({ database: m.db, ...Object.fromEntries(Object.entries(m.byTool).map(([tool, t]) => [tool, `${t.p50} / ${t.p99}`])) })));
}
