import "server-only";
// The in-process runner: dispatches events, fires cron ticks, claims due runs and executes them,
// several at a time. Several processes can share the same tables. stop() drains in-flight runs;
// stop({ graceMs }) is the shutdown: runs hand themselves back at their next step boundary, and
// whatever still holds a lease when the grace period ends is released for another process.
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { WorkflowDefinition } from "../types";
import { claimRuns, msUntilNextDue, releaseLeases } from "./claim";
import { CronScheduler } from "./cron";
import { dispatchEvents } from "./events";
import { executeRun } from "./execute";
import { onWake } from "./signal";

export interface RunnerOptions {
  db: Db;
  functions: WorkflowDefinition[];
  /** The shortest wait between looks for due work when nothing wakes the runner. */
  pollMs?: number;
  /**
   * The longest wait while idle (default: pollMs). Up to it, the runner sleeps until the next run
   * is due or the next cron minute; give a long one only where wake-ups also arrive over the
   * database channel (listenForRunnerWakeups), which hears other instances and committed work.
   */
  maxIdleMs?: number;
  /** Runs executed at once by this process. */
  maxConcurrent?: number;
  leaseMs?: number;
  backoffBaseMs?: number;
  owner?: string;
  onError?: (err: unknown) => void;
}

export interface RunnerHandle {
  owner: string;
  /** Without graceMs: finish every in-flight run. With it: see the top comment; resolves with the runs released. */
  stop(opts?: { graceMs?: number }): Promise<{ released: number }>;
  state(): { owner: string; inFlight: number; stopping: boolean; loops: number };
  /** Resolves when no run is in flight and nothing is due right now (for tests and benchmarks). */
  idle(): Promise<void>;
}

export function startRunner(opts: RunnerOptions): RunnerHandle {
  const owner = opts.owner ?? `runner-${randomUUID().slice(0, 8)}`;
  const pollMs = opts.pollMs ?? 250;
  const hasCron = opts.functions.some((f) => f.options.triggers.some((t) => "cron" in t));
  const maxConcurrent = opts.maxConcurrent ?? 4;
  const leaseMs = opts.leaseMs ?? 30_000;
  // A run another instance claims while this one sleeps is not announced; waking at least every
  // half lease bounds how late this runner sees that instance die (its lease run out) to 1.5 leases.
  const maxIdleMs = Math.max(pollMs, Math.min(opts.maxIdleMs ?? pollMs, leaseMs / 2));
  const backoffBaseMs = opts.backoffBaseMs ?? 1000;
  const defs = new Map(opts.functions.map((f) => [f.options.id, f]));
  const cron = new CronScheduler(opts.functions);
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let handingOff = false;
  let loops = 0;
  let wakeTimer: (() => void) | null = null;
  let pending = false;
  const report = opts.onError ?? ((err: unknown) => console.error("workflow runner error", err));

  const wake = () => {
    pending = true;
    wakeTimer?.();
  };
  const unsubscribe = onWake(wake);

  async function once(): Promise<boolean> {
    loops++;
    const dispatched = await dispatchEvents(opts.db, opts.functions);
    await cron.tick(opts.db);
    const free = maxConcurrent - inFlight.size;
    const runs = stopping ? [] : await claimRuns(opts.db, { owner, max: free, leaseMs, functions: defs });
    for (const run of runs) {
      const def = defs.get(run.functionId.replace(/:onFailure$/, ""))!;
      const p: Promise<void> = executeRun(opts.db, run, def, { owner, leaseMs, backoffBaseMs, shouldYield: () => handingOff })
        .catch(report)
        .finally(() => {
          inFlight.delete(p);
          wake();
        });
      inFlight.add(p);
    }
    return dispatched > 0 || runs.length > 0;
  }

  /** How long to sleep with nothing to do: until the next due run or cron minute, within [pollMs, maxIdleMs]. */
  async function idleWait(): Promise<number> {
    const due = await msUntilNextDue(opts.db);
    const nextMinute = hasCron ? 60_000 - (Date.now() % 60_000) + 5 : Number.POSITIVE_INFINITY;
    return Math.min(maxIdleMs, Math.max(pollMs, Math.min(due ?? Number.POSITIVE_INFINITY, nextMinute)));
  }

  const loop = (async () => {
    while (!stopping) {
      pending = false;
      let busy = false;
      try {
        busy = await once();
      } catch (err) {
        report(err);
      }
      if (stopping) break;
      if (busy || pending) continue;
      const waitMs = await idleWait().catch(() => pollMs);
      if (pending || stopping) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, waitMs);
        wakeTimer = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wakeTimer = null;
    }
  })();

  return {
    owner,
    state: () => ({ owner, inFlight: inFlight.size, stopping, loops }),
    async idle() {
      for (;;) {
        await Promise.all([...inFlight]);
        const before = loops;
        await new Promise((r) => setTimeout(r, 5));
        wake();
        while (loops === before && !stopping) await new Promise((r) => setTimeout(r, 5));
        if (inFlight.size === 0) return;
      }
    },
    async stop(o = {}) {
      stopping = true;
      handingOff = o.graceMs !== undefined;
      unsubscribe();
      wakeTimer?.();
      await loop;
      const settled = Promise.allSettled([...inFlight]).then(() => true);
      if (o.graceMs === undefined) {
        await settled;
        return { released: 0 };
      }
      let timer: NodeJS.Timeout | undefined;
      const done = await Promise.race([settled, new Promise<false>((r) => (timer = setTimeout(() => r(false), o.graceMs)))]);
      clearTimeout(timer);
      // Runs that yielded are already queued; this catches steps that outlived the grace period.
      return { released: done ? 0 : await releaseLeases(opts.db, owner) };
    },
  };
}
