import "server-only";
// Tasks: create (with dependencies and, for file generation, a template), read, list, update,
// cancel and retry. Every change goes through the status machine and lands on the timeline.
import { and, arrayContains, asc, desc, eq, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "@/db/client";
import { agents, fileTemplateVersions, type Task, taskDependencies, taskEvents, tasks } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { newestFirst, nextCursorOf } from "@/server/pagination";
import type { CreateTaskInput, ListTasksInput, TaskOutput } from "@/server/schemas/tasks";
import { actorUserId, type ServiceContext } from "../context";
import { findVisibleTemplate } from "../filegen/access";
import { assertDailyQuota } from "../quotas";
import { resolveVariables, type VariablesSchema } from "../filegen/variables";
import { ensureBuiltinAgent } from "./agents";
import { announceQueued } from "./announce";
import { namedAgentFor } from "./capacity";
import { assertAcyclic, blockingReason, loadDependencies, settleDependents } from "./dependencies";
import type { LayeredCache } from "@/server/adapters/cache/layered-cache";
import { taskListCache } from "./list-cache";
import { moveTask, recordEvent } from "./status";
import { matchesSearch } from "../search";

export const FILEGEN_CAPABILITY = "filegen";

const searchTextOf = (t: { title: string; description: string }) => `${t.title} ${t.description}`;

export async function taskView(db: DbOrTx, t: Task): Promise<TaskOutput> {
  // One round trip for both (every task write answers with this view; inside a transaction two queries would queue).
  const [row] = rowsOf<{ deps: string[] | null; agent_name: string | null }>(
    await db.execute(sql`select
      (select array_agg(d.depends_on_id::text) from ${taskDependencies} d where d.task_id = ${t.id}) as deps,
      (select a.name from ${agents} a where a.id = ${t.assignedAgentId}) as agent_name`),
  );
  const { organizationId: _org, searchText: _s, createdBy: _c, holdKey: _h, ...rest } = t;
  return { ...rest, agentName: row?.agent_name ?? null, dependsOn: row?.deps ?? [] };
}

/** A task of the caller's organization, locked for update when asked. */
export async function findTask(ctx: ServiceContext, id: string, lock = false): Promise<Task> {
  const q = ctx.db.select().from(tasks).where(and(eq(tasks.id, id), eq(tasks.organizationId, ctx.orgId)));
  const [t] = lock ? await q.for("update") : await q;
  if (!t) throw notFound("Task");
  return t;
}

/** The task as the caller may see it: whole for its own organization; what running it needs for a seller. */
export async function workedTaskView(db: DbOrTx, ctx: Pick<ServiceContext, "orgId">, t: Task): Promise<TaskOutput> {
  const view = await taskView(db, t);
  if (t.organizationId === ctx.orgId) return view;
  return { ...view, dependsOn: [], match: null, blockedReason: null, templateId: null, taskTemplateId: null, maxPriceCredits: null, costCredits: 0 };
}

/**
 * A task the caller works on: its own organization's, or one assigned to one of its agents (capacity
 * another organization bought). Also returns the assigned agent's organization.
 */
export async function findWorkedTask(ctx: ServiceContext, id: string, lock = false): Promise<{ task: Task; agentOrgId: string | null; agentName: string | null }> {
  const q = ctx.db
    .select({ task: tasks, agentOrgId: agents.organizationId, agentName: agents.name })
    .from(tasks)
    .leftJoin(agents, eq(agents.id, tasks.assignedAgentId))
    .where(and(eq(tasks.id, id), or(eq(tasks.organizationId, ctx.orgId), eq(agents.organizationId, ctx.orgId))));
  const [row] = lock ? await q.for("update", { of: tasks }) : await q;
  if (!row) throw notFound("Task");
  return row;
}

/** For a task that names a template: the template's id, and variables checked against its schema. */
async function fileGenerationInput(ctx: ServiceContext, input: CreateTaskInput) {
  const template = await findVisibleTemplate(ctx, input.templateId!).catch(() => {
    throw new AppError("NOT_FOUND", `templateId: no template ${input.templateId} visible to your organization`, { fields: [{ path: "templateId", message: "unknown template" }] });
  });
  const version = typeof input.input?.version === "string" ? input.input.version : template.latestVersion;
  const [v] = await ctx.db.select().from(fileTemplateVersions).where(and(eq(fileTemplateVersions.templateId, template.id), eq(fileTemplateVersions.version, version)));
  if (!v) throw new AppError("NOT_FOUND", `input.version: template ${template.slug} has no version ${version}`, { fields: [{ path: "input.version", message: "no such version" }] });
  const given = (input.input?.variables ?? {}) as Record<string, unknown>;
  try {
    resolveVariables(v.variables as VariablesSchema, given);
  } catch (err) {
    if (err instanceof AppError) throw new AppError("BAD_REQUEST", err.message.replaceAll("variables.", "input.variables."), { fields: err.details?.fields?.map((f) => ({ ...f, path: `input.${f.path}` })) });
    throw err;
  }
  return { templateId: template.id, input: { format: "zip", ...input.input, version, variables: given } };
}

export async function createTask(ctx: ServiceContext, input: CreateTaskInput, extra: { taskTemplateId?: string } = {}): Promise<TaskOutput> {
  await assertDailyQuota(ctx, "tasksPerDay", "tasks", tasks);
  const fg = input.templateId ? await fileGenerationInput(ctx, input) : null;
  const required = [...new Set([...(input.requiredCapabilities ?? []), ...(fg ? [FILEGEN_CAPABILITY] : [])])].sort();
  if (required.includes(FILEGEN_CAPABILITY)) await ensureBuiltinAgent(ctx.db, ctx.orgId);
  const named = await namedAgentFor(ctx, { agentId: input.agentId, maxPriceCredits: input.maxPriceCredits, requiredCapabilities: required });
  return ctx.db.transaction(async (tx) => {
    const deps = await loadDependencies(tx, ctx.orgId, input.dependsOn ?? []);
    const blocked = blockingReason(deps);
    const values = { title: input.title, description: input.description ?? "" };
    const [t] = await tx
      .insert(tasks)
      .values({
        organizationId: ctx.orgId,
        ...values,
        searchText: searchTextOf(values),
        status: "pending",
        priority: input.priority ?? 50,
        requiredCapabilities: required,
        input: fg?.input ?? input.input ?? {},
        templateId: fg?.templateId ?? null,
        taskTemplateId: extra.taskTemplateId ?? null,
        deadline: input.deadline ?? null,
        maxAttempts: input.maxAttempts ?? 3,
        agentId: named.agentId,
        maxPriceCredits: named.maxPriceCredits,
        createdBy: actorUserId(ctx.actor),
      })
      .returning();
    if (deps.length) await tx.insert(taskDependencies).values(deps.map((d) => ({ taskId: t!.id, dependsOnId: d.id })));
    await recordEvent(tx, t!, "created", ctx.actor.label, {
      priority: t!.priority,
      requiredCapabilities: required,
      dependsOn: deps.map((d) => d.id),
      ...(named.agentId ? { agentId: named.agentId } : {}),
      ...(named.maxPriceCredits !== null ? { maxPriceCredits: named.maxPriceCredits } : {}),
    });
    const moved = blocked
      ? await moveTask(tx, t!, "blocked", { blockedReason: blocked }, { type: "blocked", actor: ctx.actor.label, data: { reason: blocked } })
      : await moveTask(tx, t!, "queued", {}, { type: "queued", actor: ctx.actor.label });
    if (moved.status === "queued") await announceQueued(tx, moved);
    return taskView(tx, moved);
  });
}

/** A task of the caller's organization — or, for a seller, one its agent was given (what running it needs). */
export async function getTask(ctx: ServiceContext, input: { id: string }): Promise<TaskOutput> {
  const { task } = await findWorkedTask(ctx, input.id);
  return workedTaskView(ctx.db, ctx, task);
}

/** A page of the organization's tasks, from the task-list cache when it holds that page (see list-cache.ts). */
export async function listTasks(ctx: ServiceContext, input: ListTasksInput, cache: LayeredCache<TaskPage> = taskListCache<TaskPage>()) {
  return cache.read(ctx.orgId, JSON.stringify(input), () => queryTasks(ctx, input));
}

export type TaskPage = Awaited<ReturnType<typeof queryTasks>>;

async function queryTasks(ctx: ServiceContext, input: ListTasksInput) {
  const conds: SQL[] = [eq(tasks.organizationId, ctx.orgId)];
  if (input.status) conds.push(Array.isArray(input.status) ? inArray(tasks.status, input.status) : eq(tasks.status, input.status));
  if (input.priorityAtLeast !== undefined) conds.push(sql`${tasks.priority} >= ${input.priorityAtLeast}`);
  if (input.agentId) conds.push(eq(tasks.assignedAgentId, input.agentId));
  if (input.capability) conds.push(arrayContains(tasks.requiredCapabilities, [input.capability]));
  const q = input.query?.trim();
  if (q) conds.push(matchesSearch(tasks.searchText, q));
  // Keyset pagination on (time, id) for the time-ordered sorts; an offset for the priority orders.
  const byPriority = input.sort === "queue" || input.sort === "priority";
  const offset = byPriority ? Number.parseInt(input.cursor ?? "0", 10) || 0 : 0;
  const keyset = newestFirst(input.sort === "updated" ? tasks.updatedAt : tasks.createdAt, tasks.id);
  const order = input.sort === "queue" ? [desc(tasks.priority), asc(tasks.createdAt), asc(tasks.id)] : input.sort === "priority" ? [desc(tasks.priority), desc(tasks.createdAt), asc(tasks.id)] : keyset.orderBy;
  const rows = await ctx.db
    .select({ t: tasks, agentName: agents.name, cursor: keyset.cursor })
    .from(tasks)
    .leftJoin(agents, eq(agents.id, tasks.assignedAgentId))
    .where(and(...conds, byPriority ? undefined : keyset.after(input.cursor)))
    .orderBy(...order)
    .limit(input.limit + 1)
    .offset(offset);
  const page = rows.slice(0, input.limit);
  const items = page.map(({ t, agentName }) => {
    const { organizationId: _o, searchText: _s, createdBy: _c, holdKey: _h, ...rest } = t;
    return { ...rest, agentName, dependsOn: [] as string[] };
  });
  const nextCursor = byPriority ? (rows.length > input.limit ? String(offset + input.limit) : null) : nextCursorOf(rows, input.limit);
  return { items, nextCursor };
}

export async function updateTask(ctx: ServiceContext, input: { taskId: string; title?: string; description?: string; priority?: number; deadline?: Date | null; dependsOn?: string[] }) {
  return ctx.db.transaction(async (tx) => {
    const t = await findTask({ ...ctx, db: tx }, input.taskId, true);
    if (["succeeded", "failed", "cancelled"].includes(t.status) && (input.dependsOn || input.priority !== undefined)) {
      throw new AppError("CONFLICT", `A ${t.status} task's priority and dependencies no longer matter; retry it first`);
    }
    const values = { title: input.title ?? t.title, description: input.description ?? t.description };
    const [updated] = await tx
      .update(tasks)
      .set({ ...values, searchText: searchTextOf(values), priority: input.priority ?? t.priority, deadline: input.deadline === undefined ? t.deadline : input.deadline, updatedAt: new Date() })
      .where(eq(tasks.id, t.id))
      .returning();
    let current = updated!;
    if (input.dependsOn) {
      if (!["pending", "blocked", "queued"].includes(t.status)) throw new AppError("CONFLICT", `The dependencies of a ${t.status} task cannot change`);
      const deps = await loadDependencies(tx, ctx.orgId, input.dependsOn);
      await assertAcyclic(tx, t.id, deps.map((d) => d.id));
      await tx.delete(taskDependencies).where(eq(taskDependencies.taskId, t.id));
      if (deps.length) await tx.insert(taskDependencies).values(deps.map((d) => ({ taskId: t.id, dependsOnId: d.id })));
      const reason = blockingReason(deps);
      if (reason && current.status === "queued") current = await moveTask(tx, current, "blocked", { blockedReason: reason }, { type: "blocked", actor: ctx.actor.label, data: { reason } });
      else if (reason) [current] = (await tx.update(tasks).set({ blockedReason: reason }).where(eq(tasks.id, t.id)).returning()) as [Task];
      else if (current.status === "blocked") {
        current = await moveTask(tx, current, "queued", { blockedReason: null }, { type: "released", actor: ctx.actor.label });
        await announceQueued(tx, current);
      }
    }
    const changed = Object.keys(input).filter((k) => k !== "taskId");
    await recordEvent(tx, current, "updated", ctx.actor.label, { changed });
    if (input.priority !== undefined && current.status === "queued") await announceQueued(tx, current);
    return taskView(tx, current);
  });
}

export async function cancelTask(ctx: ServiceContext, input: { taskId: string }) {
  return ctx.db.transaction(async (tx) => {
    const t = await findTask({ ...ctx, db: tx }, input.taskId, true);
    const moved = await moveTask(tx, t, "cancelled", { endedAt: new Date(), leaseExpiresAt: null }, { type: "cancelled", actor: ctx.actor.label });
    await settleDependents(tx, moved, ctx.actor.label);
    return taskView(tx, moved);
  });
}

/** A failed or cancelled task goes back to the queue (or to blocked, if a dependency is not done). */
export async function retryTask(ctx: ServiceContext, input: { taskId: string }) {
  return ctx.db.transaction(async (tx) => {
    const t = await findTask({ ...ctx, db: tx }, input.taskId, true);
    if (t.status !== "failed" && t.status !== "cancelled") throw new AppError("CONFLICT", `Only failed or cancelled tasks can be retried; this one is ${t.status}`);
    const deps = await tx.select({ t: tasks }).from(taskDependencies).innerJoin(tasks, eq(tasks.id, taskDependencies.dependsOnId)).where(eq(taskDependencies.taskId, t.id));
    const reason = blockingReason(deps.map((d) => d.t));
    const reset = { attempts: 0, error: null, result: null, progress: 0, progressMessage: null, assignedAgentId: null, leaseExpiresAt: null, endedAt: null, startedAt: null };
    const moved = reason
      ? await moveTask(tx, t, "blocked", { ...reset, blockedReason: reason }, { type: "retried", actor: ctx.actor.label, data: { reason } })
      : await moveTask(tx, t, "queued", { ...reset, blockedReason: null }, { type: "retried", actor: ctx.actor.label });
    if (moved.status === "queued") await announceQueued(tx, moved);
    return taskView(tx, moved);
  });
}

export async function listTaskEvents(ctx: ServiceContext, input: { taskId: string; after?: number }) {
  await findTask(ctx, input.taskId);
  return ctx.db
    .select({ id: taskEvents.id, taskId: taskEvents.taskId, type: taskEvents.type, data: taskEvents.data, actor: taskEvents.actor, createdAt: taskEvents.createdAt })
    .from(taskEvents)
    .where(and(eq(taskEvents.taskId, input.taskId), gt(taskEvents.id, input.after ?? 0)))
    .orderBy(asc(taskEvents.id))
    .limit(500);
}
