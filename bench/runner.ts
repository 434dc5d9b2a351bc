// The in-process workflow runner: a 5-step function end to end (event → run → 5 memoized steps →
// completed) on PGlite, beside the same five step bodies called directly, in the same run.
import { eq } from "drizzle-orm";
import { migrateDb, openDb } from "../db/client";
import { workflowRuns } from "../db/schema";
import { defineWorkflow } from "../server/workflows/define";
import { sendEvent } from "../server/workflows/runner/events";
import { startRunner } from "../server/workflows/runner/runner";
import { type BenchRow, measure } from "./stats";

const body = async (i: number) => ({ step: i, at: Date.now() });

export async function benchRunner(): Promise<BenchRow[]> {
  const h = await openDb({ kind: "pglite" });
  await migrateDb(h);
  const wf = defineWorkflow({ id: "bench-5", triggers: [{ event: "bench/5" }] }, async ({ step }) => {
    for (let i = 0; i < 5; i++) await step.run(`s${i}`, () => body(i));
    return "ok";
  });
  const runner = startRunner({ db: h.db, functions: [wf], pollMs: 10 });
  const e2e = await measure(async () => {
    const { ids } = await sendEvent(h.db, { name: "bench/5", data: {} });
    for (;;) {
      const [run] = await h.db.select({ status: workflowRuns.status }).from(workflowRuns).where(eq(workflowRuns.eventId, ids[0]!));
      if (run?.status === "completed") return;
      await new Promise((r) => setTimeout(r, 1));
    }
  }, 60, 5);
  const direct = await measure(async () => {
    for (let i = 0; i < 5; i++) await body(i);
  }, 60, 5);
  await runner.stop();
  await h.close();
  return [
    { name: "5-step workflow, event → completed (runner, PGlite)", p50: e2e.p50, p95: e2e.p95, baselineName: "5 step bodies called directly", baselineP50: direct.p50, baselineP95: direct.p95 },
    { name: "per-step overhead (÷ 5)", p50: e2e.p50 / 5, p95: e2e.p95 / 5 },
  ];
}
