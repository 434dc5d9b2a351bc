import "server-only";
// Task templates: blueprints whose Liquid title and description render over validated variables,
// carrying the capabilities, priority, input and (optionally) the file template a task needs.
import { and, desc, eq } from "drizzle-orm";
import { type TaskTemplate, taskTemplates } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import type { CreateTaskTemplateInput } from "@/server/schemas/tasks";
import { audit } from "../audit/audit";
import { actorUserId, type ServiceContext } from "../context";
import { findVisibleTemplate } from "../filegen/access";
import { checkSources, problemsError, renderText } from "../filegen/render";
import { resolveVariables, type VariablesSchema } from "../filegen/variables";
import { createTask } from "./tasks";

export function taskTemplateView(t: TaskTemplate) {
  const { organizationId: _o, createdBy: _c, ...rest } = t;
  return rest;
}

export async function findTaskTemplate(ctx: ServiceContext, id: string): Promise<TaskTemplate> {
  const [t] = await ctx.db.select().from(taskTemplates).where(and(eq(taskTemplates.id, id), eq(taskTemplates.organizationId, ctx.orgId)));
  if (!t) throw notFound("Task template");
  return t;
}

export async function createTaskTemplate(ctx: ServiceContext, input: CreateTaskTemplateInput) {
  const problems = (
    await checkSources(
      [
        { path: "title", content: input.title },
        { path: "description", content: input.description ?? "" },
      ],
      "",
      { orgId: ctx.orgId },
    )
  ).filter((p) => p.part === "content");
  if (problems.length) throw problemsError(problems);
  const fileTemplate = input.fileTemplateId
    ? await findVisibleTemplate(ctx, input.fileTemplateId).catch(() => {
        throw new AppError("NOT_FOUND", `fileTemplateId: no file template ${input.fileTemplateId} visible to your organization`, { fields: [{ path: "fileTemplateId", message: "unknown template" }] });
      })
    : null;
  const [t] = await ctx.db
    .insert(taskTemplates)
    .values({
      organizationId: ctx.orgId,
      name: input.name,
      title: input.title,
      description: input.description ?? "",
      priority: input.priority ?? 50,
      requiredCapabilities: input.requiredCapabilities ?? [],
      input: input.input ?? {},
      fileTemplateId: fileTemplate?.id ?? null,
      variables: input.variables ?? { type: "object", properties: {} },
      createdBy: actorUserId(ctx.actor),
    })
    .returning();
  await audit(ctx, "task_template.created", { type: "task_template", id: t!.id }, { name: t!.name });
  return taskTemplateView(t!);
}

export async function listTaskTemplates(ctx: ServiceContext) {
  const rows = await ctx.db.select().from(taskTemplates).where(eq(taskTemplates.organizationId, ctx.orgId)).orderBy(desc(taskTemplates.createdAt));
  return rows.map(taskTemplateView);
}

export async function deleteTaskTemplate(ctx: ServiceContext, input: { taskTemplateId: string }) {
  const t = await findTaskTemplate(ctx, input.taskTemplateId);
  await ctx.db.delete(taskTemplates).where(eq(taskTemplates.id, t.id));
  await audit(ctx, "task_template.deleted", { type: "task_template", id: t.id }, { name: t.name });
  return { id: t.id, deleted: true };
}

/** A task from the template: variables validated (defaults applied), title and description rendered. */
export async function instantiateTaskTemplate(
  ctx: ServiceContext,
  input: { taskTemplateId: string; variables: Record<string, unknown>; dependsOn?: string[] },
  context: Record<string, unknown> = {},
  extraInput: Record<string, unknown> = {},
) {
  const t = await findTaskTemplate(ctx, input.taskTemplateId);
  const vars = resolveVariables(t.variables as VariablesSchema, input.variables);
  const scope = { ...context, ...vars };
  const title = (await renderText(t.title, scope, "title", { orgId: ctx.orgId })).trim().slice(0, 200) || t.name;
  const description = await renderText(t.description, scope, "description", { orgId: ctx.orgId });
  return createTask(
    ctx,
    {
      title,
      description,
      priority: t.priority,
      requiredCapabilities: t.requiredCapabilities,
      input: t.fileTemplateId ? { ...t.input, ...extraInput, variables: vars } : { ...t.input, ...vars, ...extraInput },
      templateId: t.fileTemplateId ?? undefined,
      dependsOn: input.dependsOn,
    },
    { taskTemplateId: t.id },
  );
}
