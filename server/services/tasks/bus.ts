// Live task events: written with the change (pg_notify inside the same transaction, so listeners
// hear only committed changes) and fanned out to this process's subscribers by a LISTEN on the
// database — PostgreSQL across app instances, PGlite within the embedded process.
import { sql } from "drizzle-orm";
import type { DbHandle, DbOrTx } from "@/db/client";

export const TASK_CHANNEL = "cmp_task_events";

export interface TaskSignal {
  orgId: string;
  taskId: string;
  eventId: number;
  type: string;
  status: string;
  progress: number;
  message?: string | null;
}

type Listener = (s: TaskSignal) => void;
const g = globalThis as unknown as { __cmpTaskBus?: { listeners: Set<Listener>; attached: WeakSet<object> } };
const bus = (g.__cmpTaskBus ??= { listeners: new Set(), attached: new WeakSet() });

/** Queues a signal for delivery when the surrounding transaction commits. */
export async function signalTask(tx: DbOrTx, s: TaskSignal): Promise<void> {
  await tx.execute(sql`select pg_notify(${TASK_CHANNEL}, ${JSON.stringify(s)})`);
}

function deliver(payload: string | undefined) {
  if (!payload) return;
  let s: TaskSignal;
  try {
    s = JSON.parse(payload) as TaskSignal;
  } catch {
    return;
  }
  for (const fn of bus.listeners) fn(s);
}

/** Starts listening on a database (once per handle). */
export async function attachTaskBus(handle: DbHandle): Promise<void> {
  if (bus.attached.has(handle.client)) return;
  bus.attached.add(handle.client);
  if (handle.kind === "postgres") await handle.client.listen(TASK_CHANNEL, deliver);
  else await handle.client.listen(TASK_CHANNEL, deliver);
}

/** Receives the signals of one organization (optionally one task) until `unsubscribe` is called. */
export function subscribeTasks(orgId: string, fn: Listener, taskId?: string): () => void {
  const listener: Listener = (s) => {
    if (s.orgId === orgId && (!taskId || s.taskId === taskId)) fn(s);
  };
  bus.listeners.add(listener);
  return () => bus.listeners.delete(listener);
}

/** Async iteration over signals, ending when `signal` aborts. */
export async function* taskSignals(orgId: string, opts: { taskId?: string; signal?: AbortSignal }): AsyncGenerator<TaskSignal> {
  const queue: TaskSignal[] = [];
  let wake: (() => void) | null = null;
  const off = subscribeTasks(
    orgId,
    (s) => {
      queue.push(s);
      wake?.();
    },
    opts.taskId,
  );
  const aborted = new Promise<void>((resolve) => opts.signal?.addEventListener("abort", () => resolve(), { once: true }));
  try {
    while (!opts.signal?.aborted) {
      if (queue.length) {
        yield queue.shift()!;
        continue;
      }
      await Promise.race([new Promise<void>((r) => (wake = r)), aborted]);
      wake = null;
    }
  } finally {
    off();
  }
}
