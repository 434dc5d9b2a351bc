import "server-only";
import type { DbOrTx } from "@/db/client";
import type { FailureContext, Handler, WorkflowDefinition, WorkflowEventPayload, WorkflowOptions } from "./types";

export function defineWorkflow<D = Record<string, unknown>>(
  options: WorkflowOptions,
  handler: Handler<D>,
  onFailure?: (ctx: FailureContext<D>) => Promise<unknown>,
  retryBlocker?: (db: DbOrTx, event: WorkflowEventPayload<D>) => Promise<string | null>,
): WorkflowDefinition {
  // Typed where it is written; the registry and the engines see the event data as a record.
  return { options, handler, onFailure, retryBlocker } as unknown as WorkflowDefinition;
}

/** Reads a dotted path (`event.data.orgId`, `data.taskId`) from a value. */
export function readPath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(d: number | string): number {
  if (typeof d === "number") return d;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(d.trim());
  if (!m) throw new Error(`Invalid duration "${d}": use a number of ms or e.g. "30s", "5m", "2h"`);
  return Number(m[1]) * units[m[2]!]!;
}
