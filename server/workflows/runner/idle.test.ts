// An idle instance writes nothing: every statement that inserts, updates or deletes in any table
// is counted by a trigger, then hours of cron ticks (fake time), a running runner and the health
// probes leave the count at zero. And the other way round: the moment there is maintenance to do,
// the tick records its run again — a skipped tick must never be skipped work.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "@/db/client";
import { agents, workflowRuns } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { healthChecks, readinessChecks, runHealthChecks } from "@/server/health";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { sweepStaleGenerations } from "@/server/services/filegen/generations";
import { flushMeter } from "@/server/services/metering/registry";
import { automationWorkflows } from "../functions/automations";
import { monthlyCreditsWorkflow } from "../functions/credit-grants";
import { staleGenerationsExist, staleGenerationsWorkflow } from "../functions/generate-files";
import { taskSchedulingWorkflows } from "../functions/task-scheduling";
import { CronScheduler } from "./cron";
import { type RunnerHandle, startRunner } from "./runner";

/** Installs a statement trigger on every table that logs each insert, update or delete (even of no rows). */
async function countWrites(h: DbHandle) {
  await h.db.execute(sql`create table write_log (tbl text not null, op text not null)`);
  await h.db.execute(sql.raw(`create function log_write() returns trigger language plpgsql as $$ begin insert into write_log values (tg_table_name, tg_op); return null; end $$`));
  await h.db.execute(sql.raw(`
    do $$ declare t record; begin
      for t in select tablename from pg_tables where schemaname = 'public' and tablename <> 'write_log' loop
        execute format('create trigger log_write after insert or update or delete on %I for each statement execute function log_write()', t.tablename);
      end loop;
    end $$;`));
}
const writes = async (h: DbHandle) => rowsOf<{ tbl: string; op: string }>(await h.db.execute(sql`select tbl, op from write_log`));

describe.each(dbKinds)("an idle instance on %s", (kind) => {
  let h: DbHandle;
  const g = globalThis as unknown as { __cmpDb?: Promise<DbHandle>; __cmpRunner?: RunnerHandle };
  const functions = () => {
    const resolve = async () => ({ db: h.db, generationDeps: async () => ({}) as never, appUrl: "http://127.0.0.1", allowPrivateWebhooks: false });
    return [...taskSchedulingWorkflows(resolve), ...automationWorkflows(resolve), staleGenerationsWorkflow(resolve, 15 * 60_000), monthlyCreditsWorkflow(resolve)];
  };
  beforeAll(async () => {
    h = await createTestDb(kind);
    // An organization with a key, an agent, a finished task: a used instance, not an empty one.
    const { org, owner } = await makeOrg(h.db, "Idle");
    const caller = await keyCaller(h.db, org.id, scopes, owner.id);
    const agent = await caller.agents.register({ name: "idle agent", kind: "mcp", capabilities: ["idle"], maxConcurrency: 1 });
    const task = await caller.tasks.create({ title: "done before", requiredCapabilities: ["idle"] });
    await caller.tasks.claim({ agentId: agent.agent.id });
    await caller.tasks.complete({ taskId: task.id, result: { ok: true } });
    await flushMeter(h.db); // those calls' usage counts, written now rather than a second later
    await countWrites(h);
  }, 60_000);
  beforeEach(async () => {
    await h.db.execute(sql`delete from write_log`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("writes nothing over three hours of cron ticks with nothing to do", async () => {
    const start = new Date(Date.UTC(2026, 11, 4, 10, 0, 30));
    const cron = new CronScheduler(functions(), start);
    let started = 0;
    for (let m = 1; m <= 180; m++) started += await cron.tick(h.db, new Date(start.getTime() + m * 60_000));
    expect(started).toBe(0);
    expect(await writes(h)).toEqual([]);
  });

  it("writes nothing while a runner idles and the health probes poll", async () => {
    const saved = { db: g.__cmpDb, runner: g.__cmpRunner };
    const runner = startRunner({ db: h.db, functions: functions(), pollMs: 10, maxIdleMs: 10, onError: (e) => console.error(e) });
    // First the set-up's own work (its task events dispatched and run), then nothing.
    await runner.idle();
    await h.db.execute(sql`delete from write_log`);
    g.__cmpDb = Promise.resolve(h);
    g.__cmpRunner = runner;
    try {
      // Polls until the runner has looked for work (events, cron, due runs) many times meanwhile.
      for (let i = 0; i < 20 || runner.state().loops < 30; i++) {
        const health = await runHealthChecks(3000, healthChecks);
        const ready = await runHealthChecks(3000, readinessChecks);
        expect(health.failing).toEqual([]);
        // Migrations are applied by the test's own database; only that check's count may differ from the app's journal.
        expect(ready.failing.filter((f) => f !== "migrations")).toEqual([]);
      }
    } finally {
      g.__cmpDb = saved.db;
      g.__cmpRunner = saved.runner;
      await runner.stop();
    }
    expect(await writes(h)).toEqual([]);
  });

  it("records the maintenance run again as soon as an agent has gone silent", async () => {
    await h.db.update(agents).set({ lastHeartbeatAt: new Date(Date.now() - 10 * 60_000), status: "online" }).where(eq(agents.name, "idle agent"));
    await h.db.execute(sql`delete from write_log`);
    const start = new Date();
    const cron = new CronScheduler(functions(), start);
    expect(await cron.tick(h.db, new Date(start.getTime() + 61_000))).toBe(1);
    const runs = await h.db.select({ functionId: workflowRuns.functionId }).from(workflowRuns).where(eq(workflowRuns.status, "queued"));
    expect(runs.map((r) => r.functionId)).toEqual(["tasks-maintenance"]);
    expect((await writes(h)).length).toBeGreaterThan(0);
  });

  it("sees a stale generation exactly when the sweeper would close one", async () => {
    const { org, owner } = await makeOrg(h.db, "Gen");
    const caller = await keyCaller(h.db, org.id, scopes, owner.id);
    const t = await caller.templates.create({ name: "Big", files: Array.from({ length: 120 }, (_, i) => ({ path: `f${i}.txt`, content: "{{ n }}" })) });
    const gen = await caller.generations.create({ templateId: t.id, variables: { n: 1 }, format: "zip" });
    expect(gen.status).toBe("queued");
    expect(await staleGenerationsExist(h.db, 60_000)).toBe(false); // not old enough
    expect(await staleGenerationsExist(h.db, 0)).toBe(true);
    expect(await sweepStaleGenerations(h.db, 0)).toEqual([gen.id]);
    expect(await staleGenerationsExist(h.db, 0)).toBe(false);
  });
});
