import "server-only";
// Live task events: written with the change and heard by every instance's subscribers, over the
// database channel adapter (pg_notify in the writer's transaction, one LISTEN per database).
import type { DbHandle, DbOrTx } from "@/db/client";
import { attachChannel, publish, subscribeChannel } from "./db-channel";

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

/** Queues a signal for delivery when the surrounding transaction commits. */
export const signalTask = (tx: DbOrTx, s: TaskSignal): Promise<void> => publish(tx, TASK_CHANNEL, s);

/** Starts listening on a database (once per handle). */
export const attachTaskBus = (handle: DbHandle): Promise<void> => attachChannel(handle, TASK_CHANNEL);

/** Receives the signals of one organization (optionally one task) until `unsubscribe` is called. */
export function subscribeTasks(orgId: string, fn: Listener, taskId?: string): () => void {
  return subscribeChannel(TASK_CHANNEL, (p) => {
    const s = p as TaskSignal;
    if (s.orgId === orgId && (!taskId || s.taskId === taskId)) fn(s);
  });
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
