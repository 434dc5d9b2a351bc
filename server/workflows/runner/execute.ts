import "server-only";
// Runs one claimed run: replays the handler with memoized step results, executes the next steps,
// persists each result before the next begins (guarded by the lease), and parks the run for
// retries, sleeps and waits. Step code never runs inside a transaction.
import { and, eq, gte } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import type { Db } from "@/db/client";
import { withRemoteParent, withSpan } from "@/server/adapters/tracing";
import { type WorkflowRun, type WorkflowStep, workflowEvents, workflowRuns, workflowSteps } from "@/db/schema";
import { durationMs, readPath } from "../define";
import type { HandlerContext, StepTools, WorkflowDefinition, WorkflowEventPayload } from "../types";
import { insertRun, lockEventName, matches, sendEvent } from "./events";
import { notifyRunners, wakeRunners } from "./signal";

/** Stops the handler: the run was parked (retry, sleep, wait) or is no longer ours. */
class Interrupt {
  constructor(public readonly reason: "parked" | "cancelled" | "lease-lost") {}
}

/** A step that failed for good, thrown into the handler (which may catch it). */
export class StepFailedError extends Error {
  constructor(public readonly stepId: string, cause: { name: string; message: string }) {
    super(cause.message);
    this.name = cause.name === "Error" ? "StepFailedError" : cause.name;
  }
}

export interface ExecuteOptions {
  owner: string;
  leaseMs: number;
  /** Backoff before retry n (1-based): base × 2^(n-1), capped, with jitter. */
  backoffBaseMs: number;
  /** True once the process is shutting down: the run is handed back (queued, due now) before its next step. */
  shouldYield?: () => boolean;
}

const errorJson = (e: unknown) => ({ name: e instanceof Error ? e.name : "Error", message: e instanceof Error ? e.message : String(e) });
const jsonOf = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

export async function executeRun(db: Db, run: WorkflowRun, def: WorkflowDefinition, opts: ExecuteOptions): Promise<void> {
  const isFailureHandler = run.functionId.endsWith(":onFailure");
  const memo = new Map<string, WorkflowStep>();
  for (const s of await db.select().from(workflowSteps).where(eq(workflowSteps.runId, run.id))) memo.set(s.stepId, s);
  const seen = new Map<string, number>();
  let position = 0;
  const retries = def.options.retries ?? 3;

  const uniqueId = (id: string) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}:${n}`;
  };

  /** Writes inside a transaction that first proves the lease is still ours. */
  const guarded = async (write: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => Promise<void>) => {
    await db.transaction(async (tx) => {
      const [ok] = await tx
        .update(workflowRuns)
        .set({ leaseExpiresAt: new Date(Date.now() + opts.leaseMs) })
        .where(and(eq(workflowRuns.id, run.id), eq(workflowRuns.leaseOwner, opts.owner), eq(workflowRuns.status, "running")))
        .returning({ id: workflowRuns.id });
      if (!ok) throw new Interrupt("lease-lost");
      await write(tx);
    });
  };

  const assertNotCancelled = async () => {
    const [r] = await db.select({ status: workflowRuns.status, owner: workflowRuns.leaseOwner }).from(workflowRuns).where(eq(workflowRuns.id, run.id));
    if (r?.status === "cancelled") throw new Interrupt("cancelled");
    if (r?.status !== "running" || r.owner !== opts.owner) throw new Interrupt("lease-lost");
  };

  const park = (tx: Parameters<Parameters<Db["transaction"]>[0]>[0], status: "queued" | "sleeping" | "waiting", runAt: Date, wait: WorkflowRun["wait"] = null) =>
    tx.update(workflowRuns).set({ status, runAt, wait, leaseOwner: null, leaseExpiresAt: null }).where(eq(workflowRuns.id, run.id));

  /** At a step boundary during shutdown: give the run back so another instance continues it at once. */
  const yieldIfStopping = async () => {
    if (!opts.shouldYield?.()) return;
    await guarded(async (tx) => {
      await park(tx, "queued", new Date());
      await notifyRunners(tx);
    });
    wakeRunners();
    throw new Interrupt("parked");
  };

  const step: StepTools = {
    async run<T>(rawId: string, fn: () => Promise<T> | T): Promise<T> {
      const id = uniqueId(rawId);
      const pos = position++;
      const m = memo.get(id);
      if (m?.status === "completed") return m.output as T;
      if (m?.status === "failed") throw new StepFailedError(id, m.error ?? { name: "Error", message: "step failed" });
      await yieldIfStopping();
      await assertNotCancelled();
      return withSpan(`workflow.step ${id}`, { "cmp.workflow.function": run.functionId, "cmp.workflow.run_id": run.id, "cmp.workflow.step": id, "cmp.workflow.attempt": (m?.attempts ?? 0) + 1 }, async () => {
      const started = new Date();
      /** One writer for this step's row: insert on its first attempt, update after. */
      const saveRunStep = async (tx: Parameters<Parameters<Db["transaction"]>[0]>[0], values: Partial<WorkflowStep> & { status: WorkflowStep["status"] }) => {
        await tx
          .insert(workflowSteps)
          .values({ runId: run.id, stepId: id, kind: "run", position: pos, startedAt: started, ...values })
          .onConflictDoUpdate({ target: [workflowSteps.runId, workflowSteps.stepId], set: values });
      };
      try {
        const output = jsonOf(await fn());
        const ended = new Date();
        await guarded((tx) =>
          saveRunStep(tx, { status: "completed", output, error: null, attempts: (m?.attempts ?? 0) + 1, endedAt: ended, durationMs: ended.getTime() - started.getTime() }),
        );
        return output as T;
      } catch (err) {
        if (err instanceof Interrupt) throw err;
        const attempts = (m?.attempts ?? 0) + 1;
        const final = err instanceof NonRetriableError || attempts > retries;
        const error = errorJson(err);
        const ended = new Date();
        const values = { status: final ? ("failed" as const) : ("retrying" as const), error, attempts, endedAt: ended, durationMs: ended.getTime() - started.getTime() };
        if (final) {
          await guarded((tx) => saveRunStep(tx, values));
          throw new StepFailedError(id, error);
        }
        const backoff = Math.min(opts.backoffBaseMs * 2 ** (attempts - 1), 10 * 60_000) * (0.9 + Math.random() * 0.2);
        await guarded(async (tx) => {
          await saveRunStep(tx, values);
          await park(tx, "queued", new Date(Date.now() + backoff));
        });
        throw new Interrupt("parked");
      }
      });
    },

    async sleep(rawId, duration) {
      return sleepUntilAt(uniqueId(rawId), new Date(Date.now() + durationMs(duration)));
    },

    async sleepUntil(rawId, until) {
      return sleepUntilAt(uniqueId(rawId), new Date(until));
    },

    async waitForEvent(rawId, o) {
      const id = uniqueId(rawId);
      const pos = position++;
      const m = memo.get(id);
      if (m?.status === "completed") return m.output as WorkflowEventPayload | null;
      await assertNotCancelled();
      const now = new Date();
      if (run.wait?.stepId === id && new Date(run.wait.timeoutAt) <= now) {
        await guarded(async (tx) => {
          await tx.insert(workflowSteps).values({ runId: run.id, stepId: id, kind: "waitForEvent", status: "completed", output: null, position: pos, endedAt: now }).onConflictDoNothing();
          await tx.update(workflowRuns).set({ wait: null }).where(eq(workflowRuns.id, run.id));
        });
        return null;
      }
      const wait = run.wait?.stepId === id ? run.wait : {
        stepId: id,
        event: o.event,
        match: o.match,
        matchValue: o.match ? readPath(run.event, o.match) : undefined,
        startedAt: now.toISOString(),
        timeoutAt: new Date(now.getTime() + durationMs(o.timeout)).toISOString(),
      };
      let found: WorkflowEventPayload | null = null;
      await guarded(async (tx) => {
        await lockEventName(tx, o.event);
        // An event that arrived since the wait began (dispatched or not) resolves it at once.
        const recent = await tx
          .select()
          .from(workflowEvents)
          .where(and(eq(workflowEvents.name, o.event), gte(workflowEvents.createdAt, new Date(wait.startedAt))))
          .orderBy(workflowEvents.createdAt);
        const hit = recent.find((e) => matches(wait, e));
        if (hit) {
          found = { name: hit.name, data: hit.data, id: hit.id };
          await tx.insert(workflowSteps).values({ runId: run.id, stepId: id, kind: "waitForEvent", status: "completed", output: found, position: pos, endedAt: new Date() }).onConflictDoNothing();
          return;
        }
        await park(tx, "waiting", new Date(wait.timeoutAt), wait);
      });
      if (found) return found;
      throw new Interrupt("parked");
    },

    async sendEvent(rawId, events) {
      const id = uniqueId(rawId);
      const pos = position++;
      const m = memo.get(id);
      if (m?.status === "completed") return m.output as { ids: string[] };
      await yieldIfStopping();
      await assertNotCancelled();
      const list = (Array.isArray(events) ? events : [events]).map((e, i) => ({ ...e, id: e.id ?? `${run.id}:${id}:${i}` }));
      const result = await sendEvent(db, list);
      await guarded(async (tx) => {
        await tx.insert(workflowSteps).values({ runId: run.id, stepId: id, kind: "sendEvent", status: "completed", output: result, position: pos, endedAt: new Date() }).onConflictDoNothing();
      });
      return result;
    },
  };

  async function sleepUntilAt(id: string, wakeAt: Date) {
    const pos = position++;
    const m = memo.get(id);
    if (m?.status === "completed") return;
    const wake = m?.wakeAt ?? wakeAt;
    if (wake.getTime() <= Date.now()) {
      await guarded(async (tx) => {
        await tx
          .insert(workflowSteps)
          .values({ runId: run.id, stepId: id, kind: "sleep", status: "completed", wakeAt: wake, position: pos, endedAt: new Date() })
          .onConflictDoUpdate({ target: [workflowSteps.runId, workflowSteps.stepId], set: { status: "completed", endedAt: new Date() } });
      });
      return;
    }
    await assertNotCancelled();
    await guarded(async (tx) => {
      await tx.insert(workflowSteps).values({ runId: run.id, stepId: id, kind: "sleep", status: "sleeping", wakeAt: wake, position: pos }).onConflictDoNothing();
      await park(tx, "sleeping", wake);
    });
    throw new Interrupt("parked");
  }

  const ctx: HandlerContext = { event: { ...run.event, id: run.eventId ?? undefined }, step, runId: run.id, attempt: run.invocations - 1 };
  // Keeps the lease while a long step runs, so no runner (this one included) takes the run over.
  const heartbeat = setInterval(() => {
    db.update(workflowRuns)
      .set({ leaseExpiresAt: new Date(Date.now() + opts.leaseMs) })
      .where(and(eq(workflowRuns.id, run.id), eq(workflowRuns.leaseOwner, opts.owner), eq(workflowRuns.status, "running")))
      .catch(() => {});
  }, Math.max(50, Math.floor(opts.leaseMs / 3)));
  // The run continues the trace of the request or run that sent its event (W3C context in the event's data).
  try {
    await withRemoteParent(run.event.data, () =>
      withSpan(`workflow.run ${run.functionId}`, { "cmp.workflow.function": run.functionId, "cmp.workflow.run_id": run.id, "cmp.workflow.invocation": run.invocations }, () => finishRun()),
    );
  } finally {
    clearInterval(heartbeat);
  }

  async function finishRun() {
  try {
    const output = isFailureHandler
      ? await def.onFailure!({ ...ctx, event: (run.event.data.event as WorkflowEventPayload) ?? ctx.event, error: run.event.data.error as { name: string; message: string } })
      : await def.handler(ctx);
    await guarded(async (tx) => {
      await tx.update(workflowRuns).set({ status: "completed", output: jsonOf(output), endedAt: new Date(), leaseOwner: null, leaseExpiresAt: null }).where(eq(workflowRuns.id, run.id));
    });
  } catch (err) {
    if (err instanceof Interrupt) return;
    const error = errorJson(err);
    await guarded(async (tx) => {
      await tx.update(workflowRuns).set({ status: "failed", error, endedAt: new Date(), leaseOwner: null, leaseExpiresAt: null }).where(eq(workflowRuns.id, run.id));
      if (def.onFailure && !isFailureHandler) {
        await insertRun(
          tx,
          def,
          { name: "inngest/function.failed", data: { orgId: run.organizationId, function_id: def.options.id, run_id: run.id, error, event: run.event } },
          { parentRunId: run.id, functionId: `${def.options.id}:onFailure` },
        );
      }
    }).catch((e) => {
      if (!(e instanceof Interrupt)) throw e;
    });
  }
  }
}

