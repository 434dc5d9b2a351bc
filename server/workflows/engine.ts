import "server-only";
// The one place that chooses the engine: Inngest when configured, else the in-process runner.
import type { Db, DbOrTx } from "@/db/client";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { workflowFunctions } from "./functions";
import { createInngestClient, type InngestConfig, isInngestConfigured, toInngestFunction } from "./inngest";
import { sendEvent } from "./runner/events";
import { type RunnerHandle, startRunner } from "./runner/runner";
import type { WorkflowEventPayload } from "./types";

export const inngestConfig: InngestConfig = {
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  baseUrl: env.INNGEST_BASE_URL,
  isDev: env.INNGEST_DEV,
};
export const usesInngest = isInngestConfigured(inngestConfig);

const g = globalThis as unknown as { __cmpRunner?: RunnerHandle; __cmpInngest?: ReturnType<typeof createInngestClient> };

export function inngestClient() {
  g.__cmpInngest ??= createInngestClient(inngestConfig);
  return g.__cmpInngest;
}

export function inngestFunctions() {
  return workflowFunctions.map((f) => toInngestFunction(inngestClient(), f));
}

/** Sends events to whichever engine runs the workflows. */
export async function emit(db: DbOrTx, events: WorkflowEventPayload | WorkflowEventPayload[]): Promise<{ ids: string[] }> {
  if (usesInngest) {
    const list = Array.isArray(events) ? events : [events];
    return inngestClient().send(list.map((e) => ({ name: e.name, data: e.data, id: e.id })));
  }
  return sendEvent(db, events);
}

/** Starts the in-process runner (unless Inngest is the engine) and drains it on SIGTERM. */
export function startWorkflows(db: Db): RunnerHandle | null {
  if (usesInngest || g.__cmpRunner) return g.__cmpRunner ?? null;
  const runner = startRunner({ db, functions: workflowFunctions, onError: (err) => logger.error({ err }, "workflow runner error") });
  g.__cmpRunner = runner;
  const drain = async (signal: string) => {
    logger.info({ signal }, "draining workflow runner");
    await runner.stop();
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
