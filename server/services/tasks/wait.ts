import "server-only";
// Waiting for a task to end while reporting its progress (MCP `tasks_create` with `wait: true`):
// woken by live signals, with a periodic re-read so a missed signal only delays, never hangs.
import type { TaskOutput } from "@/server/schemas/tasks";
import type { ServiceContext } from "../context";
import { subscribeTasks } from "@/server/adapters/pubsub/task-events";
import { getTask } from "./tasks";

const ended = (t: TaskOutput) => t.status === "succeeded" || t.status === "failed" || t.status === "cancelled";

export async function waitForTask(
  ctx: ServiceContext,
  task: TaskOutput,
  opts: { timeoutMs: number; pollMs?: number; onProgress?: (p: { progress: number; total: number; message: string }) => void | Promise<void> },
): Promise<{ task: TaskOutput; timedOut: boolean }> {
  const deadline = Date.now() + opts.timeoutMs;
  let wake: (() => void) | null = null;
  // A signal that arrives while the task is being re-read must not be lost: remember it.
  let dirty = false;
  const off = subscribeTasks(
    ctx.orgId,
    () => {
      dirty = true;
      wake?.();
    },
    task.id,
  );
  let current = task;
  let last = "";
  try {
    for (;;) {
      const note = `${current.status}|${current.progress}|${current.progressMessage ?? ""}`;
      if (note !== last) {
        last = note;
        await opts.onProgress?.({ progress: current.progress, total: 100, message: `${current.status}${current.progressMessage ? `: ${current.progressMessage}` : current.status === "queued" && current.match?.reasons[0] ? ` (${current.match.reasons[0]})` : ""}` });
      }
      if (ended(current)) return { task: current, timedOut: false };
      const left = deadline - Date.now();
      if (left <= 0) return { task: current, timedOut: true };
      if (!dirty) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, opts.pollMs ?? 1000));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
      dirty = false;
      current = await getTask(ctx, { id: task.id });
    }
  } finally {
    off();
  }
}
