// Shutdown hand-off: two runners on one database; the one stopped with a grace period gives its
// run back (at a step boundary, or by releasing the lease when a step outlives the grace period)
// and the other continues it at once, long before the 30 s lease would have expired.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { workflowRuns, workflowSteps } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { defineWorkflow } from "../define";
import type { WorkflowDefinition } from "../types";
import { sendEvent } from "./events";
import { type RunnerHandle, startRunner } from "./runner";

const LEASE_MS = 30_000;

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(dbKinds)("runner shutdown on %s", (kind) => {
  let h: DbHandle;
  const runners: RunnerHandle[] = [];
  const start = (functions: WorkflowDefinition[], owner: string) => {
    const r = startRunner({ db: h.db, functions, owner, pollMs: 50, leaseMs: LEASE_MS, backoffBaseMs: 10, onError: (e) => console.error(e) });
    runners.push(r);
    return r;
  };
  const finished = (id: string) =>
    waitFor(async () => {
      const [r] = await h.db.select().from(workflowRuns).where(eq(workflowRuns.functionId, id));
      return r && ["completed", "failed"].includes(r.status) ? r : null;
    });

  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(() => h.close());

  it("finishes the step in flight, then hands the run to the other runner at the next step", async () => {
    const ran: string[] = [];
    let inFirst!: () => void;
    const firstStarted = new Promise<void>((r) => (inFirst = r));
    const wf = defineWorkflow({ id: `handoff-${kind}`, triggers: [{ event: `handoff/${kind}` }] }, async ({ step }) => {
      await step.run("one", async () => {
        ran.push("one");
        inFirst();
        await new Promise((r) => setTimeout(r, 300));
      });
      await step.run("two", () => ran.push("two"));
      return "done";
    });
    const a = start([wf], "runner-a");
    await sendEvent(h.db, { name: `handoff/${kind}`, data: {} });
    await firstStarted;
    const b = start([wf], "runner-b");
    const t = Date.now();
    const stopped = await a.stop({ graceMs: 5_000 });
    const run = await finished(`handoff-${kind}`);
    const takeoverMs = Date.now() - t;
    expect(stopped.released).toBe(0); // nothing outlived the grace period: the run yielded by itself
    expect(run.status).toBe("completed");
    expect(ran).toEqual(["one", "two"]); // the step in flight finished once, and was not repeated
    expect(run.invocations).toBe(2); // claimed again: step "two" ran on runner B
    expect(takeoverMs).toBeLessThan(3_000);
    expect(b.state().inFlight).toBe(0);
    const [two] = await h.db.select().from(workflowSteps).where(eq(workflowSteps.stepId, "two"));
    expect(two?.status).toBe("completed");
  });

  it("releases the lease of a step that outlives the grace period; the other runner takes it over at once", async () => {
    let calls = 0;
    let unblock!: () => void;
    const blocked = new Promise<void>((r) => (unblock = r));
    let inSlow!: () => void;
    const slowStarted = new Promise<void>((r) => (inSlow = r));
    const wf = defineWorkflow({ id: `release-${kind}`, triggers: [{ event: `release/${kind}` }] }, async ({ step }) => {
      const who = await step.run("slow", async () => {
        const n = ++calls;
        if (n === 1) {
          inSlow();
          await blocked; // the first runner's attempt hangs past its grace period
        }
        return n;
      });
      return { who };
    });
    const a = start([wf], "runner-a");
    await sendEvent(h.db, { name: `release/${kind}`, data: {} });
    await slowStarted;
    start([wf], "runner-b");
    const t = Date.now();
    const stopped = await a.stop({ graceMs: 200 });
    expect(stopped.released).toBe(1);
    const run = await finished(`release-${kind}`);
    const takeoverMs = Date.now() - t;
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ who: 2 }); // the second attempt, on runner B
    expect(takeoverMs).toBeLessThan(LEASE_MS / 10);
    // The first attempt ends late: its result is refused (the lease is gone), the run's stays.
    unblock();
    await new Promise((r) => setTimeout(r, 200));
    const [again] = await h.db.select().from(workflowRuns).where(eq(workflowRuns.id, run.id));
    expect(again?.output).toEqual({ who: 2 });
    const [slow] = await h.db.select().from(workflowSteps).where(eq(workflowSteps.runId, run.id));
    expect(slow?.output).toBe(2);
    console.log(`[shutdown ${kind}] takeover after grace: ${takeoverMs} ms`);
  });
});
