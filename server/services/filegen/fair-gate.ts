import "server-only";
// A cap on concurrent jobs per key (an organization), in front of the render pool's FIFO queue: a
// key at its cap waits here, in order, while other keys' jobs go on to free workers, so one tenant
// cannot occupy every worker. Jobs without a key are not capped.
export interface FairGate {
  /** Resolves when the key has a free slot; call the returned function when the job ends. */
  enter(key: string | undefined): Promise<() => void>;
  /** Jobs running (past the gate) for a key. */
  running(key: string): number;
}

export function createFairGate(perKey: number): FairGate {
  const running = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();
  const leave = (key: string) => {
    const queue = waiting.get(key);
    const next = queue?.shift();
    if (queue && !queue.length) waiting.delete(key);
    if (next) return next(); // the slot passes straight to the key's next job
    const n = (running.get(key) ?? 1) - 1;
    if (n > 0) running.set(key, n);
    else running.delete(key);
  };
  const ticket = (key: string) => {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      leave(key);
    };
  };
  return {
    async enter(key) {
      if (key === undefined) return () => {};
      const n = running.get(key) ?? 0;
      if (n < perKey) {
        running.set(key, n + 1);
        return ticket(key);
      }
      await new Promise<void>((resolve) => {
        const queue = waiting.get(key) ?? [];
        queue.push(resolve);
        waiting.set(key, queue);
      });
      return ticket(key);
    },
    running: (key) => running.get(key) ?? 0,
  };
}
