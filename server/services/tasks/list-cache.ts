import "server-only";
// Task lists, cached per organization: every agent's poll re-reads the same newest page, and on
// the embedded database each query costs main-thread time that nothing else can use meanwhile.
// Any change to a task row (whoever makes it: a procedure, the runner, SQL by hand) notifies the
// cache from a trigger inside its transaction (migration 0014), and so does an agent's rename
// (its name is on the list); entries also expire after LIST_TTL_MS whatever happens.
import { LayeredCache } from "@/server/adapters/cache/layered-cache";

export const TASK_LIST_SPACE = "tasks";
const LIST_TTL_MS = 10_000;

const g = globalThis as unknown as { __cmpTaskListCache?: LayeredCache<unknown> };

/** This process's task-list cache (the server starts it listening, with Redis as L2 when configured, at start-up). */
export function taskListCache<V>(): LayeredCache<V> {
  g.__cmpTaskListCache ??= new LayeredCache<unknown>({ space: TASK_LIST_SPACE, ttlMs: LIST_TTL_MS, maxEntries: 5_000 });
  return g.__cmpTaskListCache as LayeredCache<V>;
}
