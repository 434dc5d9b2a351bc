// In-process wake-ups: sending an event or finishing a step wakes the runners of this process at
// once instead of at their next poll. Other processes see the change at their poll interval.
const listeners = new Set<() => void>();

export function onWake(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function wakeRunners() {
  for (const fn of listeners) fn();
}
