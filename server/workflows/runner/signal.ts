// In-process wake-ups: sending an event or finishing a step wakes the runners of this process at
// once instead of at their next poll. Other processes see the change at their poll interval. The
// listeners live on globalThis: Next's server build may load this module more than once (the
// runner started at boot and a route that enqueues can hold different copies), and a wake-up from
// one copy must still reach a runner subscribed through another.
const g = globalThis as unknown as { __cmpWakeListeners?: Set<() => void> };
const listeners = (g.__cmpWakeListeners ??= new Set());

export function onWake(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function wakeRunners() {
  for (const fn of listeners) fn();
}
