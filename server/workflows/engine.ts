import "server-only";
// The one place that chooses the engine: Inngest when configured, else the in-process runner.
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Db } from "@/db/client";
import { env } from "@/server/env";
import { onShutdown } from "@/server/lifecycle";
import { logger } from "@/server/logger";
import { closeRenderPool } from "@/server/services/filegen/render-pool";
import { workflowFunctions } from "./functions";
import { toInngestFunction } from "./inngest";
import { type RunnerHandle, startRunner } from "./runner/runner";
import { inngestClient, usesInngest } from "./send";

export { emit, inngestClient, inngestConfig, usesInngest } from "./send";

const g = globalThis as unknown as { __cmpRunner?: RunnerHandle };

export function inngestFunctions() {
  return workflowFunctions.map((f) => toInngestFunction(inngestClient(), f));
}

/** Starts the in-process runner (unless Inngest is the engine); at SIGTERM it hands its runs off within SHUTDOWN_GRACE_MS, then the render pool closes. */
export function startWorkflows(db: Db, opts: { hearsOtherInstances?: boolean } = {}): RunnerHandle | null {
  if (usesInngest || g.__cmpRunner) return g.__cmpRunner ?? null;
  // Idle, it sleeps until the next due run or cron minute (at most 30 s or half a lease, a safety
  // net for a lost notification or another instance's death) when wake-ups reach it over the channel.
  const maxIdleMs = opts.hearsOtherInstances ? 30_000 : undefined;
  const runner = startRunner({
    db,
    functions: workflowFunctions,
    maxIdleMs,
    leaseMs: env.WORKFLOW_LEASE_MS,
    // Which machine and process holds a run (workflow_runs.lease_owner), for operators and the deploy tests.
    owner: `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
    onError: (err) => logger.error({ err }, "workflow runner error"),
  });
  g.__cmpRunner = runner;
  onShutdown(async ({ graceMs }) => {
    // Leave the last part of the grace period to hand back what is still running before the exit.
    const runnerGraceMs = Math.max(0, graceMs - Math.min(1000, graceMs / 5));
    logger.info({ runnerGraceMs }, "draining workflow runner");
    const { released } = await runner.stop({ graceMs: runnerGraceMs });
    if (released) logger.warn({ released }, "released the leases of runs still in flight at the end of the grace period");
    await closeRenderPool();
  }, env.SHUTDOWN_GRACE_MS);
  logger.info({ owner: runner.owner, functions: workflowFunctions.map((f) => f.options.id) }, "workflow runner started");
  return runner;
}

export function runnerState() {
  return g.__cmpRunner?.state() ?? null;
}
