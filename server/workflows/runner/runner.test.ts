import { eq } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { workflowRuns, workflowSteps } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { defineWorkflow } from "../define";
import { cancelRun, getRun } from "../runs";
import type { WorkflowDefinition } from "../types";
import { CronScheduler } from "./cron";
import { sendEvent } from "./events";
import { type RunnerHandle, startRunner } from "./runner";

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(dbKinds)("workflow runner on %s", (kind) => {
  let h: DbHandle;
  const runners: RunnerHandle[] = [];
  const start = (functions: WorkflowDefinition[], extra: { maxConcurrent?: number } = {}) => {
    const r = startRunner({ db: h.db, functions, pollMs: 20, backoffBaseMs: 10, leaseMs: 5_000, onError: (e) => console.error(e), ...extra });
    runners.push(r);
    return r;
  };
  const runOf = (name: string) =>
    waitFor(async () => {
      const rows = await h.db.select().from(workflowRuns).where(eq(workflowRuns.functionId, name));
      const done = rows.find((r) => ["completed", "failed", "cancelled"].includes(r.status));
      return done ?? null;
    });

  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(() => h.close());

  it("memoizes steps: each step body runs once although the handler replays", async () => {
    const calls: string[] = [];
    const wf = defineWorkflow({ id: `memo-${kind}`, triggers: [{ event: `memo/${kind}` }] }, async ({ step }) => {
      const a = await step.run("a", () => (calls.push("a"), 1));
      await step.sleep("nap", 30); // parks the run: the handler replays after it
      const b = await step.run("b", () => (calls.push("b"), a + 1));
      return { b };
    });
    start([wf]);
    await sendEvent(h.db, { name: `memo/${kind}`, data: {} });
    const run = await runOf(`memo-${kind}`);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ b: 2 });
    expect(run.invocations).toBeGreaterThanOrEqual(2);
    expect(calls).toEqual(["a", "b"]);
  });

  it("retries a failing step with backoff, then succeeds", async () => {
    let attempts = 0;
    const wf = defineWorkflow({ id: `retry-${kind}`, triggers: [{ event: `retry/${kind}` }], retries: 3 }, async ({ step }) =>
      step.run("flaky", () => {
        attempts++;
        if (attempts < 3) throw new Error(`boom ${attempts}`);
        return "ok";
      }),
    );
    start([wf]);
    await sendEvent(h.db, { name: `retry/${kind}`, data: {} });
    const run = await runOf(`retry-${kind}`);
    expect(run.status).toBe("completed");
    expect(attempts).toBe(3);
    const [s] = await h.db.select().from(workflowSteps).where(eq(workflowSteps.runId, run.id));
    expect(s).toMatchObject({ status: "completed", attempts: 3 });
  });

  it("fails after its retries, runs the on-failure handler, and a NonRetriableError stops at once", async () => {
    let tries = 0;
    const failures: string[] = [];
    const wf = defineWorkflow(
      { id: `fail-${kind}`, triggers: [{ event: `fail/${kind}` }], retries: 2 },
      async ({ step, event }) =>
        step.run("always", () => {
          tries++;
          if (event.data.fatal) throw new NonRetriableError("bad input");
          throw new Error("still broken");
        }),
      async ({ error }) => {
        failures.push(error.message);
      },
    );
    start([wf]);
    await sendEvent(h.db, { name: `fail/${kind}`, data: {} });
    const run = await runOf(`fail-${kind}`);
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ message: "still broken" });
    expect(tries).toBe(3);
    await waitFor(async () => failures.length === 1);
    expect(failures).toEqual(["still broken"]);

    tries = 0;
    await h.db.delete(workflowRuns).where(eq(workflowRuns.functionId, `fail-${kind}`));
    await sendEvent(h.db, { name: `fail/${kind}`, data: { fatal: true } });
    const fatal = await runOf(`fail-${kind}`);
    expect(fatal.status).toBe("failed");
    expect(tries).toBe(1);
  });

  it("waitForEvent resumes on the matching event only, and yields null at its timeout", async () => {
    const wf = defineWorkflow({ id: `wait-${kind}`, triggers: [{ event: `wait/start/${kind}` }] }, async ({ step, event }) => {
      const got = await step.waitForEvent("approval", { event: `wait/approved/${kind}`, match: "data.ticket", timeout: event.data.timeout as number });
      return { approvedBy: (got?.data.by as string) ?? null };
    });
    start([wf]);
    await sendEvent(h.db, { name: `wait/start/${kind}`, data: { ticket: "T1", timeout: 20_000 } });
    await waitFor(async () => (await h.db.select().from(workflowRuns).where(eq(workflowRuns.functionId, `wait-${kind}`)))[0]?.status === "waiting");
    await sendEvent(h.db, { name: `wait/approved/${kind}`, data: { ticket: "OTHER", by: "mallory" } });
    await sendEvent(h.db, { name: `wait/approved/${kind}`, data: { ticket: "T1", by: "alice" } });
    const run = await runOf(`wait-${kind}`);
    expect(run.output).toEqual({ approvedBy: "alice" });

    await h.db.delete(workflowRuns).where(eq(workflowRuns.functionId, `wait-${kind}`));
    await sendEvent(h.db, { name: `wait/start/${kind}`, data: { ticket: "T2", timeout: 100 } });
    const timedOut = await runOf(`wait-${kind}`);
    expect(timedOut.output).toEqual({ approvedBy: null });
  });

  it("cancels between steps, by request and by a cancelOn event", async () => {
    const ran: string[] = [];
    const wf = defineWorkflow(
      { id: `cancel-${kind}`, triggers: [{ event: `cancel/start/${kind}` }], cancelOn: [{ event: `cancel/stop/${kind}`, match: "data.job" }] },
      async ({ step }) => {
        await step.run("one", () => ran.push("one"));
        await step.sleep("pause", 60_000);
        await step.run("two", () => ran.push("two"));
      },
    );
    start([wf]);
    await sendEvent(h.db, { name: `cancel/start/${kind}`, data: { job: "A" } });
    await sendEvent(h.db, { name: `cancel/start/${kind}`, data: { job: "B" } });
    const runs = await waitFor(async () => {
      const rows = await h.db.select().from(workflowRuns).where(eq(workflowRuns.functionId, `cancel-${kind}`));
      return rows.length === 2 && rows.every((r) => r.status === "sleeping") ? rows : null;
    });
    await sendEvent(h.db, { name: `cancel/stop/${kind}`, data: { job: "A" } });
    const a = runs.find((r) => (r.event.data as { job: string }).job === "A")!;
    const b = runs.find((r) => (r.event.data as { job: string }).job === "B")!;
    await waitFor(async () => (await getRun(h.db, a.id, null))?.status === "cancelled");
    expect(await cancelRun(h.db, b.id, null)).toBe(true);
    expect((await getRun(h.db, b.id, null))?.status).toBe("cancelled");
    expect(ran).toEqual(["one", "one"]);
  });

  it("holds a concurrency limit per key and runs higher priority first", async () => {
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const wf = defineWorkflow(
      { id: `conc-${kind}`, triggers: [{ event: `conc/${kind}` }], concurrency: { limit: 1, key: "event.data.agent" }, priority: { run: "event.data.priority" } },
      async ({ step, event }) =>
        step.run("work", async () => {
          active++;
          peak = Math.max(peak, active);
          order.push(event.data.priority as number);
          await new Promise((r) => setTimeout(r, 30));
          active--;
        }),
    );
    for (const p of [1, 5, 3, 9]) await sendEvent(h.db, { name: `conc/${kind}`, data: { agent: "x", priority: p } });
    start([wf], { maxConcurrent: 4 });
    await waitFor(async () => order.length === 4);
    expect(peak).toBe(1);
    expect(order).toEqual([9, 5, 3, 1]);
  });

  it("fires a cron tick once across two schedulers", async () => {
    const wf = defineWorkflow({ id: `cron-${kind}`, triggers: [{ cron: "* * * * *" }] }, async () => "tick");
    const since = new Date(Date.now() - 5 * 60_000);
    const a = new CronScheduler([wf], since);
    const b = new CronScheduler([wf], since);
    const [na, nb] = await Promise.all([a.tick(h.db), b.tick(h.db)]);
    expect(na + nb).toBe(5);
    expect(await a.tick(h.db)).toBe(0);
    const rows = await h.db.select().from(workflowRuns).where(eq(workflowRuns.functionId, `cron-${kind}`));
    expect(rows).toHaveLength(5);
  });

  it("shares work between two runners with no step run twice", async () => {
    const counts = new Map<string, number>();
    const wf = defineWorkflow({ id: `shared-${kind}`, triggers: [{ event: `shared/${kind}` }] }, async ({ step, runId }) => {
      for (const s of ["s1", "s2", "s3"]) await step.run(s, () => counts.set(`${runId}:${s}`, (counts.get(`${runId}:${s}`) ?? 0) + 1));
    });
    start([wf], { maxConcurrent: 3 });
    start([wf], { maxConcurrent: 3 });
    await sendEvent(h.db, Array.from({ length: 20 }, (_, i) => ({ name: `shared/${kind}`, data: { i } })));
    await waitFor(async () => {
      const rows = await h.db.select().from(workflowRuns).where(eq(workflowRuns.functionId, `shared-${kind}`));
      return rows.length === 20 && rows.every((r) => r.status === "completed");
    }, 30_000);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("records an event once per idempotency key", async () => {
    const a = await sendEvent(h.db, { name: "idem/x", data: {}, id: `idem-${kind}` });
    const b = await sendEvent(h.db, { name: "idem/x", data: {}, id: `idem-${kind}` });
    expect(a.ids).toEqual(b.ids);
  });
});
