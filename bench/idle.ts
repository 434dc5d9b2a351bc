// `npm run bench -- idle`: what an idle instance costs. The built server (npm start) is left alone
// for 60 s after start-up settles, beside a bare node:http server started in the same moment, and
// the CPU both process groups used is read from /proc (utime + stime of every process in the group).
// Then the health probes are polled as an orchestrator would, and on PostgreSQL the rows the
// database inserted, updated or deleted meanwhile are counted (pg_stat_database; goal: none).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startApp, stop } from "./http";

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** CPU seconds used so far by every live process in the process group `pgid`. */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces): state ppid pgrp … utime(14) stime(15).
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(f[2]) !== pgid) continue;
    ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

function startBare(): Promise<ChildProcess> {
  const code = `require("node:http").createServer((q, s) => s.end("ok")).listen(0, "127.0.0.1", () => process.stdout.write("up\\n"))`;
  const child = spawn(process.execPath, ["-e", code], { detached: true, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_OPTIONS: "" } });
  return new Promise((resolve) => child.stdout!.once("data", () => resolve(child)));
}

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

export interface IdleRow {
  database: string;
  "app % of a core": number;
  "bare node:http % of a core": number;
  "health polls": number;
  "rows written (idle + polls)": number | string;
  "load average": string;
}

async function idleOf(label: string, port: number, env: Record<string, string>, opts: { seconds: number; settleMs: number; rowsWritten?: () => Promise<number> }): Promise<IdleRow> {
  const app = await startApp(port, env);
  try {
    // Start-up work (migrations, seed, first cron ticks, the build's lazy modules) is over by then.
    await new Promise((r) => setTimeout(r, opts.settleMs));
    const bare = await startBare();
    try {
      const before = await opts.rowsWritten?.();
      const a0 = groupCpuSeconds(app.pid!);
      const b0 = groupCpuSeconds(bare.pid!);
      await new Promise((r) => setTimeout(r, opts.seconds * 1000));
      const appPct = ((groupCpuSeconds(app.pid!) - a0) / opts.seconds) * 100;
      const barePct = ((groupCpuSeconds(bare.pid!) - b0) / opts.seconds) * 100;
      const load = loadAverage();
      // An orchestrator's probes: every path, 20 times each.
      let polls = 0;
      for (let i = 0; i < 20; i++) {
        for (const p of ["/api/health", "/api/health/live", "/api/health/ready"]) {
          const res = await fetch(`http://127.0.0.1:${port}${p}`);
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${p} answered ${res.status}`);
          polls++;
        }
      }
      let written: number | string = "not counted (PGlite: see server/workflows/runner/idle.test.ts)";
      if (opts.rowsWritten) {
        // PostgreSQL publishes a backend's counts within ~10 s of its last transaction (PGSTAT_IDLE_INTERVAL).
        await new Promise((r) => setTimeout(r, 11_000));
        written = (await opts.rowsWritten()) - before!;
      }
      return { database: label, "app % of a core": Math.round(appPct * 100) / 100, "bare node:http % of a core": Math.round(barePct * 100) / 100, "health polls": polls, "rows written (idle + polls)": written, "load average": load };
    } finally {
      stop(bare);
    }
  } finally {
    stop(app);
  }
}

export async function benchIdle(seconds = 60, settleMs = 30_000): Promise<IdleRow[]> {
  const rows: IdleRow[] = [];
  const base = Number(process.env.BENCH_PORT_BASE ?? 3490);
  rows.push(await idleOf("PGlite", base + 3, { DATA_DIR: mkdtempSync(path.join(tmpdir(), "cmp-idle-")) }, { seconds, settleMs }));
  const dbName = `bench_idle_${process.pid}`;
  const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  try {
    const rowsWritten = async () => {
      const [r] = await admin.unsafe(`select (tup_inserted + tup_updated + tup_deleted)::bigint as n from pg_stat_database where datname = '${dbName}'`);
      return Number(r?.n ?? 0);
    };
    rows.push(await idleOf("PostgreSQL", base + 4, { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${dbName}`, DATA_DIR: mkdtempSync(path.join(tmpdir(), "cmp-idle-")) }, { seconds, settleMs, rowsWritten }));
  } finally {
    await new Promise((r) => setTimeout(r, 500));
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  return rows;
}

export function printIdle(rows: IdleRow[]) {
  console.log("\nAn idle instance: CPU over 60 s after start-up settles, beside a bare node:http server measured in the same minute (goal: < 1 % of a core), then 60 health probes; on PostgreSQL the rows written over both (goal: none)");
  console.table(rows);
}
