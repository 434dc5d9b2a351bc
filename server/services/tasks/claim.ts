import "server-only";
// How work reaches agents and comes back: an MCP agent claims the best ready task (atomically:
// SELECT … FOR UPDATE SKIP LOCKED, so two agents never get the same task), reports progress,
// completes or fails it. A lease bounds the silence: past it, the task returns to the queue.
import { and, arrayContained, asc, desc, eq, inArray, isNull, isNotNull, lt, ne, notInArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Agent, agents, type Task, tasks } from "@/db/schema";
import { AppError } from "@/server/errors";
import type { ServiceContext } from "../context";
import { assertConcurrencyRoom, isConcurrencyQuota } from "../quotas";
import { announceAgentsChanged, announceQueued } from "./announce";
import { findOwnAgent } from "./agents";
import { holdForAttempt } from "./capacity";
import { settleDependents } from "./dependencies";
import { moveTask, recordEvent } from "./status";
import { findWorkedTask, workedTaskView } from "./tasks";

/** How long an agent may hold a task without a word. */
export const LEASE_MS = 5 * 60_000;
const leaseFrom = (now = Date.now(), ms = LEASE_MS) => new Date(now + ms);

/**
 * Hands `task` to `agent` (status assigned, a lease, one more attempt), holding the attempt's price
 * when the agent is another organization's. Throws PAYMENT_REQUIRED when the buyer cannot pay, and
 * FORBIDDEN (quota concurrentTasks) when the task's organization already runs its plan's number.
 */
export async function assignTask(tx: DbOrTx, task: Task, agent: Agent, actor: string, extra: { match?: Task["match"]; leaseMs?: number } = {}) {
  await assertConcurrencyRoom(tx, task.organizationId);
  const held = await holdForAttempt(tx, task, agent);
  return moveTask(
    tx,
    task,
    "assigned",
    { assignedAgentId: agent.id, leaseExpiresAt: leaseFrom(Date.now(), extra.leaseMs), attempts: task.attempts + 1, match: extra.match ?? task.match, progress: 0, progressMessage: null, error: null, ...held },
    { type: "assigned", actor, data: { agentId: agent.id, agent: agent.name, attempt: task.attempts + 1, ...(held.holdCredits ? { heldCredits: held.holdCredits } : {}) } },
  );
}

/**
 * assignTask, except that a buyer who cannot pay fails the task (with the ledger's words) instead
 * of failing the caller — the scheduler or the seller's agent — and null is returned.
 */
export async function assignOrFailUnpaid(tx: DbOrTx, task: Task, agent: Agent, actor: string, extra: { match?: Task["match"]; leaseMs?: number } = {}) {
  try {
    return await assignTask(tx, task, agent, actor, extra);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "PAYMENT_REQUIRED") throw err;
    const error = { message: `${err.message}. Add credits, then retry the task.`, retryable: false };
    const failed = await moveTask(tx, task, "failed", { error, endedAt: new Date() }, { type: "failed", actor: "ledger", data: { error: error.message, agentId: agent.id } });
    await settleDependents(tx, failed, "ledger");
    return null;
  }
}

/** Tasks an agent holds now (assigned or running): what its maxConcurrency bounds. Count it with the agent row locked. */
export async function heldTaskCount(tx: DbOrTx, agentId: string): Promise<number> {
  const [busy] = await tx.select({ n: sql<number>`count(*)::int` }).from(tasks).where(and(eq(tasks.assignedAgentId, agentId), inArray(tasks.status, ["assigned", "running"])));
  return busy!.n;
}

export async function claimTask(ctx: ServiceContext, input: { agentId: string }) {
  return ctx.db.transaction(async (tx) => {
    // Locking the agent serializes its own claims, so its concurrency limit holds.
    const agent = await findOwnAgent({ ...ctx, db: tx }, input.agentId, true);
    if (agent.status === "disabled") throw new AppError("CONFLICT", "This agent is disabled; enable it to claim tasks");
    await tx.update(agents).set({ lastHeartbeatAt: new Date(), status: "online" }).where(eq(agents.id, agent.id));
    const busy = await heldTaskCount(tx, agent.id);
    if (busy >= agent.maxConcurrency) return { task: null, reason: `the agent already holds ${busy} of its ${agent.maxConcurrency} concurrent tasks` };
    // Its own organization's tasks (unless they name another agent), and — for a public agent —
    // other organizations' tasks that name it or are open to the marketplace, within their ceiling.
    const own = and(eq(tasks.organizationId, ctx.orgId), or(isNull(tasks.agentId), eq(tasks.agentId, agent.id)));
    const bought =
      agent.sharing === "public"
        ? and(ne(tasks.organizationId, ctx.orgId), or(eq(tasks.agentId, agent.id), and(isNull(tasks.agentId), isNotNull(tasks.maxPriceCredits))), sql`coalesce(${tasks.maxPriceCredits}, 0) >= ${agent.priceCredits}`)
        : undefined;
    // Fair sharing between organizations: the one holding the fewest of this agent's slots goes first.
    const heldByOrg = sql`(select count(*) from ${tasks} h where h.assigned_agent_id = ${agent.id} and h.status in ('assigned', 'running') and h.organization_id = ${tasks.organizationId})`;
    // Organizations already running their plan's number of tasks are passed over; their tasks wait.
    const full: string[] = [];
    let ownQuota: unknown = null;
    for (let tries = 0; tries < 5; tries++) {
      const [next] = await tx
        .select()
        .from(tasks)
        .where(and(eq(tasks.status, "queued"), arrayContained(tasks.requiredCapabilities, agent.capabilities), bought ? or(own, bought) : own, full.length ? notInArray(tasks.organizationId, full) : undefined))
        // Only a public agent serves several organizations; a private one keeps the plain queue order.
        .orderBy(...(bought ? [heldByOrg] : []), desc(tasks.priority), asc(tasks.createdAt), asc(tasks.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!next) {
        if (ownQuota) throw ownQuota; // nothing else to hand out: the caller's own quota is why
        return { task: null, reason: full.length ? "the organizations whose tasks fit already run their plan's number of tasks at once" : "no queued task fits this agent's capabilities" };
      }
      const match = { agentId: agent.id, agentName: agent.name, reasons: ["claimed by the agent"], at: new Date().toISOString() };
      try {
        const assigned = await assignOrFailUnpaid(tx, next, { ...agent, status: "online" }, timelineActor(ctx, next, agent.name), { match });
        if (assigned) return { task: await workedTaskView(tx, ctx, assigned), reason: null };
      } catch (err) {
        if (!isConcurrencyQuota(err)) throw err;
        full.push(next.organizationId);
        if (next.organizationId === ctx.orgId) ownQuota = err;
      }
    }
    return { task: null, reason: "the tasks that fit could not be paid for by their organizations" };
  });
}

/** Who a change is by on the task's timeline: the caller within its organization; for a buyer, the seller's agent (never its keys or people). */
const timelineActor = (ctx: ServiceContext, t: Pick<Task, "organizationId">, agentName: string | null) =>
  t.organizationId === ctx.orgId ? ctx.actor.label : `agent:${agentName ?? "another organization's agent"}`;

/** The task, locked, checked to be in progress (and held by `agentId` when given), with whom its timeline names. */
async function heldTask(ctx: ServiceContext, taskId: string, agentId?: string): Promise<Task & { actor: string }> {
  const { task: t, agentOrgId, agentName } = await findWorkedTask(ctx, taskId, true);
  if (ctx.actor.type !== "system" && agentOrgId && agentOrgId !== ctx.orgId && (t.status === "assigned" || t.status === "running")) {
    throw new AppError("CONFLICT", "This task runs on another organization's agent: only its owner reports on it. Cancel it to stop (the hold is refunded).");
  }
  if (t.status !== "assigned" && t.status !== "running") throw new AppError("CONFLICT", `The task is ${t.status}, not in progress${t.status === "queued" ? " (its lease expired or it was never claimed)" : ""}`);
  if (agentId && t.assignedAgentId !== agentId) throw new AppError("CONFLICT", "Another agent holds this task");
  return { ...t, actor: timelineActor(ctx, t, agentName) };
}

export async function reportProgress(ctx: ServiceContext, input: { taskId: string; progress: number; message?: string; agentId?: string }) {
  return ctx.db.transaction(async (tx) => {
    const t = await heldTask({ ...ctx, db: tx }, input.taskId, input.agentId);
    const progress = Math.round(input.progress);
    const patch = { progress, progressMessage: input.message ?? t.progressMessage, leaseExpiresAt: leaseFrom() };
    if (t.status === "assigned") {
      const moved = await moveTask(tx, t, "running", { ...patch, startedAt: t.startedAt ?? new Date() }, { type: "started", actor: t.actor, data: { progress, message: input.message } });
      return workedTaskView(tx, ctx, moved);
    }
    const [u] = await tx.update(tasks).set({ ...patch, updatedAt: new Date() }).where(eq(tasks.id, t.id)).returning();
    await recordEvent(tx, u!, "progress", t.actor, { progress, message: input.message });
    return workedTaskView(tx, ctx, u!);
  });
}

export async function completeTask(ctx: ServiceContext, input: { taskId: string; result?: Record<string, unknown>; agentId?: string }) {
  return ctx.db.transaction(async (tx) => {
    const t = await heldTask({ ...ctx, db: tx }, input.taskId, input.agentId);
    const done = await moveTask(
      tx,
      t,
      "succeeded",
      { result: input.result ?? {}, progress: 100, endedAt: new Date(), startedAt: t.startedAt ?? t.updatedAt, leaseExpiresAt: null },
      { type: "succeeded", actor: t.actor },
    );
    await settleDependents(tx, done, t.actor);
    await capacityFreed(tx, t);
    return workedTaskView(tx, ctx, done);
  });
}

/** Fails the task, or, when retryable with attempts left, puts it back in the queue. */
export async function failTask(ctx: ServiceContext, input: { taskId: string; error: string; retryable?: boolean; agentId?: string }) {
  return ctx.db.transaction(async (tx) => {
    const t = await heldTask({ ...ctx, db: tx }, input.taskId, input.agentId);
    const error = { message: input.error, retryable: input.retryable ?? false };
    if (input.retryable && t.attempts < t.maxAttempts) {
      const again = await moveTask(tx, t, "queued", { error, assignedAgentId: null, leaseExpiresAt: null, progress: 0, progressMessage: null }, { type: "retry_scheduled", actor: t.actor, data: { error: input.error, attempt: t.attempts, of: t.maxAttempts } });
      await announceQueued(tx, again);
      return workedTaskView(tx, ctx, again);
    }
    const failed = await moveTask(tx, t, "failed", { error, endedAt: new Date(), startedAt: t.startedAt ?? t.updatedAt, leaseExpiresAt: null }, { type: "failed", actor: t.actor, data: { error: input.error } });
    await settleDependents(tx, failed, t.actor);
    await capacityFreed(tx, t);
    return workedTaskView(tx, ctx, failed);
  });
}

/** A webhook agent finishing frees a slot: queued tasks waiting for capacity get another look. */
async function capacityFreed(tx: DbOrTx, t: Task) {
  if (!t.assignedAgentId) return;
  const [a] = await tx.select({ kind: agents.kind }).from(agents).where(eq(agents.id, t.assignedAgentId));
  if (a?.kind === "webhook") await announceAgentsChanged(tx, t.organizationId);
}

/** Tasks whose agent went silent past the lease return to the queue (or fail, out of attempts). */
/** Whether requeueExpiredLeases would find a task to move (a read: the maintenance tick asks first). */
export async function expiredLeasesExist(db: DbOrTx, now = new Date()): Promise<boolean> {
  const [row] = await db.select({ id: tasks.id }).from(tasks).where(expiredLease(now)).limit(1);
  return Boolean(row);
}

const expiredLease = (now: Date) => and(inArray(tasks.status, ["assigned", "running"]), lt(tasks.leaseExpiresAt, now));

export async function requeueExpiredLeases(db: DbOrTx, now = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    const expired = await tx
      .select()
      .from(tasks)
      .where(expiredLease(now))
      .for("update", { skipLocked: true });
    for (const t of expired) {
      if (t.attempts >= t.maxAttempts) {
        const failed = await moveTask(tx, t, "failed", { error: { message: `no word from the agent within its lease, after ${t.attempts} attempts` }, endedAt: now, leaseExpiresAt: null }, { type: "lease_expired", actor: "system", data: { final: true } });
        await settleDependents(tx, failed, "system");
        continue;
      }
      const again = await moveTask(tx, t, "queued", { assignedAgentId: null, leaseExpiresAt: null, progress: 0, progressMessage: null }, { type: "lease_expired", actor: "system", data: { agentId: t.assignedAgentId } });
      await announceQueued(tx, again);
    }
    return expired.map((t) => t.id);
  });
}
