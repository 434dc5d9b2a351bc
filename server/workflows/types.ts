import "server-only";
// Workflows are written once against this subset of Inngest's step API; the Inngest binding
// passes Inngest's own step tools, the in-process runner passes its own.
import type { DbOrTx } from "@/db/client";

export type Duration = number | `${number}${"ms" | "s" | "m" | "h" | "d"}`;

export interface WorkflowEventPayload<D = Record<string, unknown>> {
  name: string;
  data: D;
  id?: string;
}

export interface StepTools {
  run<T>(id: string, fn: () => Promise<T> | T): Promise<T>;
  sleep(id: string, duration: Duration): Promise<void>;
  sleepUntil(id: string, until: Date | string): Promise<void>;
  /** Resolves with the matching event, or null at the timeout. `match` is a dotted path compared on both events. */
  waitForEvent(id: string, opts: { event: string; timeout: Duration; match?: string }): Promise<WorkflowEventPayload | null>;
  sendEvent(id: string, events: WorkflowEventPayload | WorkflowEventPayload[]): Promise<{ ids: string[] }>;
}

export interface HandlerContext<D = Record<string, unknown>> {
  event: WorkflowEventPayload<D>;
  step: StepTools;
  runId: string;
  attempt: number;
}

export type Handler<D = Record<string, unknown>> = (ctx: HandlerContext<D>) => Promise<unknown>;

export interface FailureContext<D = Record<string, unknown>> extends HandlerContext<D> {
  error: { name: string; message: string };
}

export interface WorkflowOptions {
  id: string;
  name?: string;
  triggers: ({ event: string } | { cron: string })[];
  /** Retries per step after the first attempt (Inngest's default is 3). */
  retries?: number;
  /** At most `limit` runs at once per value of `key` (a dotted path such as `event.data.agentId`). */
  concurrency?: { limit: number; key?: string };
  /** Higher runs first: a dotted path to a number, e.g. `event.data.priority`. */
  priority?: { run: string };
  /** Cancel a run when this event arrives with the same value at `match` (e.g. `data.taskId`). */
  cancelOn?: { event: string; match: string }[];
  /**
   * For cron triggers: whether a tick would find anything to do (a read, no write). The in-process
   * runner records a tick and starts its run only when it says yes, so an idle instance writes
   * nothing; Inngest runs every tick (the handler itself must still be a no-op when nothing is due).
   */
  workDue?: () => Promise<boolean>;
}

export interface WorkflowDefinition<D = Record<string, unknown>> {
  options: WorkflowOptions;
  handler: Handler<D>;
  onFailure?: (ctx: FailureContext<D>) => Promise<unknown>;
  /** Why a failed or cancelled run of this event may not start again (its subject has ended), or null. */
  retryBlocker?: (db: DbOrTx, event: WorkflowEventPayload<D>) => Promise<string | null>;
}
