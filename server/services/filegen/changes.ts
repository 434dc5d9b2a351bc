import "server-only";
// In-process news of a generation's progress: the build and record steps say when a generation
// changed, so a caller following it (followGeneration) reads it at once instead of at its next
// poll; followers in other processes keep polling. On globalThis, for the same reason as the
// runner's wake-ups (server/workflows/runner/signal.ts): Next may load this module twice.
const g = globalThis as unknown as { __cmpGenerationWaiters?: Map<string, Set<() => void>> };
const waiters = (g.__cmpGenerationWaiters ??= new Map());

export function generationChanged(id: string) {
  const set = waiters.get(id);
  if (!set) return;
  waiters.delete(id);
  for (const fn of set) fn();
}

/** Resolves when the generation changes in this process, or after `ms`. */
export function nextChange(id: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const set = waiters.get(id) ?? new Set<() => void>();
    const done = () => {
      clearTimeout(timer);
      set.delete(done);
      if (!set.size && waiters.get(id) === set) waiters.delete(id);
      resolve();
    };
    const timer = setTimeout(done, ms);
    set.add(done);
    waiters.set(id, set);
  });
}
