import "server-only";
// Automations create tasks from a task template on a cron schedule (UTC) or when a task (of a
// given template) succeeds or fails. Each firing is recorded as a run; pause and resume.
import { Cron } from "croner";
import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Automation, type AutomationTrigger, automationRuns, automations, taskTemplates } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { audit } from "../audit/audit";
import { actorUserId, type ServiceContext } from "../context";
import { actingFor } from "../orgs/acting";
import { findTaskTemplate, instantiateTaskTemplate } from "./task-templates";

/** Tasks made by automations carry their chain depth; past this, a chain stops (no runaway loops). */
const MAX_CHAIN = 5;

function nextFire(cron: string, after = new Date()): Date | null {
  return new Cron(cron, { paused: true, timezone: "UTC" }).nextRun(after);
}

function checkCron(cron: string) {
  try {
    if (!nextFire(cron)) throw new Error("never fires");
    if (cron.trim().split(/\s+/).length !== 5) throw new Error("use 5 fields: minute hour day month weekday");
  } catch (err) {
    throw new AppError("BAD_REQUEST", `trigger.cron: ${(err as Error).message}`, { fields: [{ path: "trigger.cron", message: (err as Error).message }] });
  }
}

async function view(db: DbOrTx, a: Automation) {
  const [t] = await db.select({ name: taskTemplates.name }).from(taskTemplates).where(eq(taskTemplates.id, a.taskTemplateId));
  return { id: a.id, name: a.name, taskTemplateId: a.taskTemplateId, taskTemplateName: t?.name ?? "(deleted)", trigger: a.trigger, variables: a.variables, status: a.status, lastFiredAt: a.lastFiredAt, nextFireAt: a.nextFireAt, createdAt: a.createdAt };
}

export async function createAutomation(ctx: ServiceContext, input: { name: string; taskTemplateId: string; trigger: AutomationTrigger; variables?: Record<string, unknown> }) {
  await findTaskTemplate(ctx, input.taskTemplateId);
  if (input.trigger.type === "cron") checkCron(input.trigger.cron);
  if (input.trigger.type === "event" && input.trigger.taskTemplateId) {
    await findTaskTemplate(ctx, input.trigger.taskTemplateId);
    if (input.trigger.taskTemplateId === input.taskTemplateId) {
      throw new AppError("BAD_REQUEST", "trigger.taskTemplateId: an automation cannot react to the tasks it creates itself (it would loop)", { fields: [{ path: "trigger.taskTemplateId", message: "same as taskTemplateId" }] });
    }
  }
  const [a] = await ctx.db
    .insert(automations)
    .values({
      organizationId: ctx.orgId,
      name: input.name,
      taskTemplateId: input.taskTemplateId,
      trigger: input.trigger,
      variables: input.variables ?? {},
      nextFireAt: input.trigger.type === "cron" ? nextFire(input.trigger.cron) : null,
      createdBy: actorUserId(ctx.actor),
    })
    .returning();
  await audit(ctx, "automation.created", { type: "automation", id: a!.id }, { name: a!.name, trigger: a!.trigger });
  return view(ctx.db, a!);
}

async function findAutomation(ctx: ServiceContext, id: string) {
  const [a] = await ctx.db.select().from(automations).where(and(eq(automations.id, id), eq(automations.organizationId, ctx.orgId)));
  if (!a) throw notFound("Automation");
  return a;
}

export async function listAutomations(ctx: ServiceContext) {
  const rows = await ctx.db.select().from(automations).where(eq(automations.organizationId, ctx.orgId)).orderBy(desc(automations.createdAt));
  return Promise.all(rows.map((a) => view(ctx.db, a)));
}

export async function setAutomationStatus(ctx: ServiceContext, input: { automationId: string }, status: "active" | "paused") {
  const a = await findAutomation(ctx, input.automationId);
  const [u] = await ctx.db
    .update(automations)
    .set({ status, nextFireAt: status === "active" && a.trigger.type === "cron" ? nextFire(a.trigger.cron) : null, updatedAt: new Date() })
    .where(eq(automations.id, a.id))
    .returning();
  await audit(ctx, status === "active" ? "automation.resumed" : "automation.paused", { type: "automation", id: a.id });
  return view(ctx.db, u!);
}

export async function deleteAutomation(ctx: ServiceContext, input: { automationId: string }) {
  const a = await findAutomation(ctx, input.automationId);
  await ctx.db.delete(automations).where(eq(automations.id, a.id));
  await audit(ctx, "automation.deleted", { type: "automation", id: a.id }, { name: a.name });
  return { id: a.id, deleted: true };
}

export async function listAutomationRuns(ctx: ServiceContext, input: { automationId: string }) {
  await findAutomation(ctx, input.automationId);
  return ctx.db.select({ id: automationRuns.id, status: automationRuns.status, taskId: automationRuns.taskId, error: automationRuns.error, trigger: automationRuns.trigger, createdAt: automationRuns.createdAt }).from(automationRuns).where(eq(automationRuns.automationId, input.automationId)).orderBy(desc(automationRuns.createdAt)).limit(100);
}

/** Creates the automation's task and records the run (a failure is recorded, not thrown). */
async function fire(db: DbOrTx, a: Automation, trigger: Record<string, unknown>, context: Record<string, unknown>, depth: number) {
  try {
    // Fires as the person who made the automation, with their role now.
    const ctx = await actingFor(db, a.organizationId, a.createdBy, `automation:${a.name}`, `The automation "${a.name}"`);
    if (depth > MAX_CHAIN) throw new AppError("CONFLICT", `chain of ${depth} automated tasks: stopped to avoid a loop`);
    const task = await instantiateTaskTemplate(ctx, { taskTemplateId: a.taskTemplateId, variables: { ...a.variables, ...((context.variables as Record<string, unknown>) ?? {}) } }, { ...context, automation: { id: a.id, name: a.name, depth } }, { _automation: { id: a.id, depth } });
    await db.insert(automationRuns).values({ automationId: a.id, organizationId: a.organizationId, status: "created", taskId: task.id, trigger });
    return task.id;
  } catch (err) {
    const message = err instanceof AppError ? err.message : "internal error";
    await db.insert(automationRuns).values({ automationId: a.id, organizationId: a.organizationId, status: depth > MAX_CHAIN ? "skipped" : "failed", error: message, trigger });
    return null;
  }
}

/** Fires every active cron automation that is due; each is claimed with SKIP LOCKED, so once. */
const dueAt = (now: Date) => and(eq(automations.status, "active"), lte(automations.nextFireAt, now));

/** Whether fireDueAutomations would fire anything (a read: the schedule's tick asks first). */
export async function automationsDue(db: DbOrTx, now = new Date()): Promise<boolean> {
  const [row] = await db.select({ id: automations.id }).from(automations).where(dueAt(now)).limit(1);
  return Boolean(row);
}

export async function fireDueAutomations(db: DbOrTx, now = new Date()): Promise<string[]> {
  const fired: string[] = [];
  const due = await db.select({ id: automations.id }).from(automations).where(dueAt(now));
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [a] = await tx.select().from(automations).where(and(eq(automations.id, id), eq(automations.status, "active"), lte(automations.nextFireAt, now))).for("update", { skipLocked: true });
      if (!a || a.trigger.type !== "cron") return;
      await tx.update(automations).set({ lastFiredAt: now, nextFireAt: nextFire(a.trigger.cron, now) }).where(eq(automations.id, a.id));
      const taskId = await fire(tx, a, { type: "cron", at: (a.nextFireAt ?? now).toISOString() }, {}, 1);
      if (taskId) fired.push(taskId);
    });
  }
  return fired;
}

/** Fires the event automations that react to this task ending. */
export async function fireOnTaskFinished(db: DbOrTx, ev: { orgId: string; taskId: string; status: string; taskTemplateId?: string | null; depth?: number; title?: string; result?: unknown }) {
  const on = ev.status === "succeeded" ? "task.succeeded" : ev.status === "failed" ? "task.failed" : null;
  if (!on) return [];
  const matching = await db
    .select()
    .from(automations)
    .where(and(eq(automations.organizationId, ev.orgId), eq(automations.status, "active"), sql`${automations.trigger}->>'type' = 'event'`, sql`${automations.trigger}->>'on' = ${on}`));
  const fired: string[] = [];
  for (const a of matching) {
    const want = a.trigger.type === "event" ? a.trigger.taskTemplateId : null;
    if (want && want !== ev.taskTemplateId) continue;
    await db.update(automations).set({ lastFiredAt: new Date() }).where(eq(automations.id, a.id));
    const id = await fire(db, a, { type: "event", on, taskId: ev.taskId }, { source: { id: ev.taskId, title: ev.title, status: ev.status, result: ev.result } }, (ev.depth ?? 0) + 1);
    if (id) fired.push(id);
  }
  return fired;
}
