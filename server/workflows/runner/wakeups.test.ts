// An idle runner sleeps long (here up to a minute) yet starts work at once when another instance
// sends an event: the wake-up arrives over the database channel when the sender commits.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { workflowEvents, workflowRuns } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { defineWorkflow } from "../define";
import { type RunnerHandle, startRunner } from "./runner";
import { listenForRunnerWakeups, notifyRunners } from "./signal";

describe.each(dbKinds)("runner wake-ups on %s", (kind) => {
  let h: DbHandle;
  let runner: RunnerHandle;
  const wf = defineWorkflow({ id: `wake-${kind}`, triggers: [{ event: `wake/${kind}` }] }, async () => "ran");
  beforeAll(async () => {
    h = await createTestDb(kind);
    await listenForRunnerWakeups(h);
    runner = startRunner({ db: h.db, functions: [wf], pollMs: 50, maxIdleMs: 60_000, onError: (e) => console.error(e) });
    await runner.idle();
    await new Promise((r) => setTimeout(r, 200)); // asleep now, for up to a minute
  });
  afterAll(async () => {
    await runner.stop();
    await h.close();
  });

  it("runs another instance's event at once, woken by the channel rather than a poll", async () => {
    const loopsBefore = runner.state().loops;
    // What another instance's sendEvent does: the event row and the notification, one transaction, no in-process wake.
    await h.db.transaction(async (tx) => {
      await tx.insert(workflowEvents).values({ name: `wake/${kind}`, data: {} });
      await notifyRunners(tx);
    });
    const end = Date.now() + 10_000;
    let status: string | undefined;
    while (Date.now() < end) {
      [{ status } = { status: undefined }] = await h.db.select({ status: workflowRuns.status }).from(workflowRuns).where(eq(workflowRuns.functionId, `wake-${kind}`));
      if (status === "completed") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe("completed");
    // It slept between: a handful of loops, not one every 50 ms.
    expect(runner.state().loops - loopsBefore).toBeLessThan(10);
  });
});
