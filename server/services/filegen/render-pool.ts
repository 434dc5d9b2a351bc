import "server-only";
// The pool of worker threads that renders untrusted templates off the event loop (piscina): sized
// from the machine, made on first use, closed when the process drains. Every job has a whole-call
// budget — time, enforced by terminating its worker, and heap, by the worker's resource limits —
// and a job that runs out of it fails with a problem naming the file it was rendering. One
// organization runs at most `perOrg` jobs at once (fair-gate.ts); the rest of its jobs queue.
import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { createFairGate } from "./fair-gate";
import type { RenderProblem } from "./render-core.mjs";

export interface RenderPoolOptions {
  /** Worker threads at most. */
  workers: number;
  /** Milliseconds a job may run, counted from when a worker picks it up. */
  budgetMs: number;
  /** Old-generation heap of each worker, in MB. */
  memoryMb: number;
  /** Jobs one organization may run at once; ceil(workers / 2) unless given. */
  perOrg?: number;
  /** The worker module; render-worker.mjs unless a test stands in its own. */
  filename?: string;
}

/** Who a job is for: an organization's jobs beyond its share of the workers wait their turn. */
export interface RunOptions {
  orgId?: string;
  /**
   * One budget shared by the parts of one job: the first part to start sets `at` (its start plus
   * the budget) and every part ends by then.
   */
  deadline?: { at?: number };
  /** Ends the job early (its other parts failed); it then rejects with an AbortError. */
  signal?: AbortSignal;
}

/** A job that ran out of its budget; `problem` names the file when the worker had said which. */
export class RenderBudgetError extends Error {
  constructor(public readonly problem: RenderProblem) {
    super(problem.message);
    this.name = "RenderBudgetError";
  }
}

/**
 * By name, not `instanceof`: the pool is one per process (on globalThis) while Next's server build
 * may hold several copies of this module, each with its own class.
 */
export const isRenderBudgetError = (err: unknown): err is RenderBudgetError =>
  err instanceof Error && err.name === "RenderBudgetError" && typeof (err as { problem?: unknown }).problem === "object";

/** Names the file and part from the worker's last step (index -1: instructions, -2: not yet known). */
export type WhereOf = (index: number, part: number) => Pick<RenderProblem, "file" | "part">;

export interface RenderPool {
  run<T>(task: Record<string, unknown>, where: WhereOf, opts?: RunOptions): Promise<T>;
  /** Jobs of an organization past its gate (running or handed to the pool). */
  running(orgId: string): number;
  /** Worker threads at most, and jobs one organization may run at once. */
  readonly workers: number;
  readonly perOrg: number;
  close(): Promise<void>;
}

/** Found from the working directory at run time, so that no bundler rewrites or inlines it. */
export const renderWorkerFile = () => path.join(process.cwd(), "server", "services", "filegen", "render-worker.mjs");

export function createRenderPool(o: RenderPoolOptions): RenderPool {
  const pool = new Piscina({
    filename: o.filename ?? renderWorkerFile(),
    minThreads: 1,
    maxThreads: o.workers,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: o.memoryMb },
  });
  const perOrg = o.perOrg ?? Math.ceil(o.workers / 2);
  const gate = createFairGate(perOrg);
  return {
    async run<T>(task: Record<string, unknown>, where: WhereOf, opts: RunOptions = {}): Promise<T> {
      const leave = await gate.enter(opts.orgId);
      try {
        return await runJob<T>(task, where, opts);
      } finally {
        leave();
      }
    },
    running: (orgId) => gate.running(orgId),
    workers: o.workers,
    perOrg,
    close: () => pool.close(),
  };

  async function runJob<T>(task: Record<string, unknown>, where: WhereOf, opts: RunOptions): Promise<T> {
      // [0] started, [1] file index, [2] part: written by the worker (render-worker.mjs).
      const step = new Int32Array(new SharedArrayBuffer(12));
      step[1] = -2;
      const abort = new AbortController();
      let overBudget = false;
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      const startClock = () => {
        if (done) return;
        const deadline = opts.deadline ?? {};
        deadline.at ??= Date.now() + o.budgetMs;
        timer = setTimeout(() => {
          overBudget = true;
          abort.abort();
        }, Math.max(0, deadline.at - Date.now()));
      };
      const stop = () => abort.abort(opts.signal?.reason);
      if (opts.signal?.aborted) stop();
      opts.signal?.addEventListener("abort", stop, { once: true });
      const started = Atomics.waitAsync(step, 0, 0);
      if (started.async) void started.value.then(startClock);
      else startClock();
      try {
        return (await pool.run({ ...task, progress: step.buffer }, { signal: abort.signal })) as T;
      } catch (err) {
        const at = { ...where(Atomics.load(step, 1), Atomics.load(step, 2)), line: null, column: null };
        if (overBudget) throw new RenderBudgetError({ ...at, message: `rendering took longer than the ${o.budgetMs} ms budget (a runaway loop?)` });
        if ((err as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
          throw new RenderBudgetError({ ...at, message: `rendering needed more than the ${o.memoryMb} MB memory budget (a loop or range that is too large?)` });
        }
        throw err;
      } finally {
        done = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", stop);
        // Releases the wait above when the job ended before the worker said it started.
        Atomics.store(step, 0, 2);
        Atomics.notify(step, 0);
      }
  }
}

const g = globalThis as unknown as { __cmpRenderPool?: RenderPool; __cmpRenderPoolOptions?: Partial<RenderPoolOptions> };

/**
 * Sets the process pool's limits before its first use; the composition root passes them from the
 * environment (server/deps.ts). Unset ones keep the defaults: one worker per core, 5 s, 256 MB.
 */
export function configureRenderPool(o: Partial<RenderPoolOptions>): void {
  g.__cmpRenderPoolOptions = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The process's pool, made on first use with the configured limits. */
export function renderPool(): RenderPool {
  g.__cmpRenderPool ??= createRenderPool({ workers: Math.max(1, os.availableParallelism()), budgetMs: 5_000, memoryMb: 256, ...g.__cmpRenderPoolOptions });
  return g.__cmpRenderPool;
}

export async function closeRenderPool(): Promise<void> {
  const pool = g.__cmpRenderPool;
  g.__cmpRenderPool = undefined;
  await pool?.close();
}
