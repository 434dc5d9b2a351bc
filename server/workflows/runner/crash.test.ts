// A runner process killed with SIGKILL in the middle of a run: restarted, the run completes and
// every side effect (keyed by run id + step id) happens exactly once.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "@/db/client";
import { workflowRuns } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { sendEvent } from "./events";

let h: DbHandle & { url?: string };
const children: ChildProcess[] = [];

beforeAll(async () => {
  h = await createTestDb("postgres");
  await h.db.execute(sql`create table crash_executions (run_id uuid, step_id text, pid int, at timestamptz default clock_timestamp())`);
  await h.db.execute(sql`create table crash_effects (run_id uuid, step_id text, primary key (run_id, step_id))`);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await h.close();
});

function worker(slowMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "fixtures/crash-worker.ts")], {
    env: { ...process.env, CRASH_DB_URL: (h as { url?: string }).url, CRASH_SLOW_MS: String(slowMs), NODE_OPTIONS: "--conditions=react-server" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

async function waitFor(fn: () => Promise<boolean>, ms = 30_000) {
  const until = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

it("resumes a run after SIGKILL with every side effect exactly once", async () => {
  const first = await worker(60_000);
  await sendEvent(h.db, { name: "crash/start", data: {} });
  await waitFor(async () => rowsOf(await h.db.execute(sql`select 1 from crash_executions where step_id = 's3'`)).length > 0);
  first.kill("SIGKILL");
  await new Promise((r) => first.once("exit", r));

  const second = await worker(0);
  await waitFor(async () => {
    const [run] = await h.db.select({ status: workflowRuns.status }).from(workflowRuns);
    return run?.status === "completed";
  });
  second.kill("SIGTERM");

  const effects = rowsOf<{ step_id: string; n: number }>(await h.db.execute(sql`select step_id, count(*)::int as n from crash_effects group by step_id order by step_id`));
  expect(effects).toEqual(["s1", "s2", "s3", "s4", "s5"].map((s) => ({ step_id: s, n: 1 })));
  const execs = rowsOf<{ step_id: string; n: number }>(await h.db.execute(sql`select step_id, count(*)::int as n from crash_executions group by step_id order by step_id`));
  // Only the step that was in flight at the kill ran again; completed steps were replayed from memory.
  expect(execs).toEqual([
    { step_id: "s1", n: 1 },
    { step_id: "s2", n: 1 },
    { step_id: "s3", n: 2 },
    { step_id: "s4", n: 1 },
    { step_id: "s5", n: 1 },
  ]);
}, 90_000);
