import { startDraining } from "../lifecycle";
import "server-only";
// The one place that chooses the engine: Inngest when configured, else the in-process runner.
import type { Db } from "@/db/client";
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

/** Starts the in-process runner (unless Inngest is the engine) and drains it (then the render pool) on SIGTERM. */
export function startWorkflows(db: Db): RunnerHandle | null {
  if (usesInngest || g.__cmpRunner) return g.__cmpRunner ?? null;
  const runner = startRunner({ db, functions: workflowFunctions, onError: (err) => logger.error({ err }, "workflow runner error") });
  g.__cmpRunner = runner;
  const drain = async (signal: string) => {
    startDraining();
    logger.info({ signal }, "draining workflow runner");
    await runner.stop();
    await closeRenderPool();
    process.exit(0);
  };
  process.once("SIGTERM", () => void drain("SIGTERM"));
  process.once("SIGINT", () => void drain("SIGINT"));
  logger.info({ owner: runner.owner, functions: workflowFunctions.map((f) => f.options.id) }, "workflow runner started");
  return runner;
}

export function runnerState() {
  return g.__cmpRunner?.state() ?? null;
}
