import "server-only";
// The scheduler's steps, run by the dispatch-task workflow: match a queued task to an agent, then
// execute on the built-in file generation agent or deliver to a webhook agent.
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agents, type Task, type TaskMatch, tasks } from "@/db/schema";
import { AppError } from "@/server/errors";
import type { ServiceContext } from "../context";
import { actingFor } from "../orgs/acting";
import { buildGeneration, createGeneration, type GenerationDeps, getGeneration, recordGeneration } from "../filegen/generations";
import { announceQueued } from "./announce";
import { overFairShare } from "./capacity";
import { isConcurrencyQuota } from "../quotas";
import { assignOrFailUnpaid, completeTask, failTask, heldTaskCount, reportProgress } from "./claim";
import { matchTask, type Scored } from "./matching";
import { recordEvent } from "./status";
import { deliverWebhook } from "./webhook";

export type DispatchDecision = { action: "none" | "offered"; reason: string } | { action: "builtin:filegen" | "webhook"; agentId: string };

const leaseFor = { "builtin:filegen": 10 * 60_000, webhook: 15 * 60_000 } as const;
const systemCtx = (db: DbOrTx, orgId: string, label = "scheduler"): ServiceContext => ({ db, orgId, actor: { type: "system", label }, role: "owner" });

/** Keeps the match on a queued task that only pulling (MCP) agents fit, or none: it waits for a claim. */
async function recordOffer(tx: DbOrTx, task: Task, best: Scored | null, match: TaskMatch): Promise<DispatchDecision> {
  const changed = JSON.stringify(task.match?.reasons) !== JSON.stringify(match.reasons);
  const [u] = await tx.update(tasks).set({ match }).where(and(eq(tasks.id, task.id), eq(tasks.status, "queued"))).returning();
  if (u && changed) await recordEvent(tx, u, best ? "offered" : "unmatched", "scheduler", { reasons: match.reasons, missing: match.missing });
  return { action: best ? "offered" : "none", reason: match.reasons[0]! };
}

/**
 * A task just became queued, in its writer's transaction (the row is locked there): matched at
 * once. When only pulling agents fit (or none), the offer is recorded here and nothing is left to
 * run; true when an agent the platform pushes work to is best, so the dispatch workflow must
 * assign it and run or deliver it (durably, with retries).
 */
export async function offerQueued(tx: DbOrTx, task: Task): Promise<boolean> {
  const { best, match } = await matchTask(tx, task);
  if (best && best.agent.kind !== "mcp") return true;
  await recordOffer(tx, task, best, match);
  return false;
}

export async function dispatchQueuedTask(db: DbOrTx, taskId: string): Promise<DispatchDecision> {
  return db.transaction(async (tx) => {
    const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for("update", { skipLocked: true });
    if (!task) return { action: "none", reason: "the task is gone or being changed" };
    if (task.status !== "queued") return { action: "none", reason: `the task is ${task.status}` };
    const { best, match } = await matchTask(tx, task);
    if (!best || best.agent.kind === "mcp") return recordOffer(tx, task, best, match);
    // The agent row locked and its load counted again: dispatches of other tasks to the same agent
    // (and its own claims) queue here, so its maxConcurrency holds under any concurrency.
    const [agent] = await tx.select().from(agents).where(eq(agents.id, best.agent.id)).for("update");
    if (!agent || agent.status === "disabled" || (await heldTaskCount(tx, agent.id)) >= agent.maxConcurrency) {
      return { action: "none", reason: `${best.agent.name} filled up meanwhile; the task waits for free capacity` };
    }
    if (await overFairShare(tx, agent, task.organizationId)) {
      return { action: "none", reason: `${agent.name} is shared with other organizations waiting for it; the task waits for a fair share` };
    }
    const assigned = await assignOrFailUnpaid(tx, task, agent, "scheduler", { match, leaseMs: leaseFor[best.agent.kind] }).catch((err: unknown) => {
      if (isConcurrencyQuota(err)) return err; // the task waits in the queue, offered again when capacity frees
      throw err;
    });
    if (assigned instanceof Error) return { action: "none", reason: assigned.message };
    if (!assigned) return { action: "none", reason: "the organization could not pay for the agent" };
    return { action: best.agent.kind, agentId: best.agent.id };
  });
}

/** The built-in agent: renders the task's template with its variables, then completes the task. */
export async function runBuiltinFilegen(db: DbOrTx, taskId: string, deps: GenerationDeps) {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task || (task.status !== "assigned" && task.status !== "running")) return { skipped: true };
  const ctx = systemCtx(db, task.organizationId, "File generator (built-in)");
  try {
    if (!task.templateId) throw new AppError("BAD_REQUEST", "This task names no template: give it a templateId for the built-in file generator");
    await reportProgress(ctx, { taskId, progress: 10, message: "rendering the template" });
    const input = task.input as { version?: string; variables?: Record<string, unknown>; format?: "json" | "zip" | "git" };
    // The template is read and paid for as the task's creator, with their role.
    const creator = await actingFor(db, task.organizationId, task.createdBy, "File generator (built-in)", "This task");
    // Already inside a durable step: a large job builds here too, not in another workflow.
    const inline: GenerationDeps = { ...deps, enqueue: async (g) => recordGeneration(db, g.id, await buildGeneration(db, deps.storage, g.id)) };
    let g = await createGeneration(creator, { templateId: task.templateId, version: input.version, variables: input.variables ?? {}, format: input.format ?? "zip" }, inline);
    if (g.status !== "succeeded") g = await getGeneration(creator, { id: g.id }, deps);
    if (g.status !== "succeeded") throw new AppError("INTERNAL_SERVER_ERROR", g.error?.message ?? "the generation did not finish");
    await reportProgress(ctx, { taskId, progress: 90, message: `generated ${g.fileCount} file${g.fileCount === 1 ? "" : "s"}` });
    const result = {
      generationId: g.id,
      format: g.format,
      fileCount: g.fileCount,
      bytes: g.bytes,
      files: (g.files ?? []).map((f) => f.path),
      ...(g.downloadUrl ? { downloadUrl: g.downloadUrl } : {}),
      ...(g.cloneUrl ? { cloneUrl: g.cloneUrl } : {}),
      instructions: g.instructions,
    };
    await completeTask(ctx, { taskId, result });
    return { generationId: g.id };
  } catch (err) {
    if (!(err instanceof AppError)) throw err; // retried by the workflow
    await failTask(ctx, { taskId, error: err.message, retryable: false }).catch(() => {});
    return { failed: err.message };
  }
}

/** POSTs the task to its webhook agent, signed; the agent reports back through the API. */
export async function deliverToWebhook(db: DbOrTx, taskId: string, opts: { appUrl: string; allowPrivate: boolean; attempts?: number; backoffMs?: number }) {
  const [row] = await db.select({ t: tasks, a: agents }).from(tasks).innerJoin(agents, eq(agents.id, tasks.assignedAgentId)).where(eq(tasks.id, taskId));
  if (!row || row.t.status !== "assigned" || row.a.kind !== "webhook" || !row.a.url || !row.a.signingSecret) return { skipped: true };
  const { t, a } = row;
  const payload = {
    type: "task.assigned",
    task: { id: t.id, title: t.title, description: t.description, priority: t.priority, requiredCapabilities: t.requiredCapabilities, input: t.input, deadline: t.deadline, attempt: t.attempts, leaseExpiresAt: t.leaseExpiresAt },
    agent: { id: a.id, name: a.name },
    report: {
      progress: `${opts.appUrl}/api/v1/tasks/${t.id}/progress`,
      complete: `${opts.appUrl}/api/v1/tasks/${t.id}/complete`,
      fail: `${opts.appUrl}/api/v1/tasks/${t.id}/fail`,
      auth: "Authorization: Bearer <an API key of your organization with tasks:write>",
    },
  };
  const res = await deliverWebhook({ url: a.url!, secret: a.signingSecret! }, payload, { allowPrivate: opts.allowPrivate, attempts: opts.attempts, backoffMs: opts.backoffMs, headers: { "x-cmp-task-id": t.id } });
  await recordEvent(db, t, "delivered", "scheduler", { agentId: a.id, status: res.status, attempts: res.attempts });
  return res;
}

/** Delivery gave up: the task goes back to the queue, or fails when out of attempts. */
export async function releaseUndelivered(db: DbOrTx, taskId: string, message: string) {
  const [t] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!t || t.status !== "assigned") return;
  await failTask(systemCtx(db, t.organizationId), { taskId, error: `webhook delivery failed: ${message}`, retryable: true }).catch(() => {});
}

/** Gives the organization's queued tasks another chance at matching (agents changed, capacity freed). */
export async function redispatchQueued(db: DbOrTx, orgId: string, limit = 200) {
  const queued = await db
    .select()
    .from(tasks)
    // Tasks nobody could take (or offered long ago); those offered to MCP agents just now wait for a claim.
    .where(and(eq(tasks.organizationId, orgId), eq(tasks.status, "queued"), sql`(${tasks.match} is null or ${tasks.match}->>'agentId' is null or (${tasks.match}->>'at')::timestamptz < now() - interval '60 seconds')`))
    .orderBy(sql`${tasks.priority} desc`, asc(tasks.createdAt))
    .limit(limit);
  for (const t of queued) await announceQueued(db, t);
  return queued.length;
}
