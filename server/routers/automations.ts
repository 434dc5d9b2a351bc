import "server-only";
import { z } from "zod";
import {
  automationIdInput,
  automationOutput,
  automationRunOutput,
  createAutomationInput,
  createTaskTemplateInput,
  instantiateInput,
  taskOutput,
  taskTemplateIdInput,
  taskTemplateOutput,
} from "@/server/schemas/tasks";
import { createAutomation, deleteAutomation, listAutomationRuns, listAutomations, setAutomationStatus } from "@/server/services/tasks/automations";
import { createTaskTemplate, deleteTaskTemplate, instantiateTaskTemplate, listTaskTemplates } from "@/server/services/tasks/task-templates";
import { orgProcedure, router } from "../trpc/init";

const deleted = z.object({ id: z.string(), deleted: z.boolean() });

export const taskTemplatesRouter = router({
  list: orgProcedure
    .meta({ scope: "tasks:read", kind: "read", tool: "task_templates_list", rest: { method: "GET", path: "/task-templates" }, description: "List your organization's task templates: blueprints with a Liquid title, capabilities, priority and a variables schema." })
    .output(z.array(taskTemplateOutput))
    .query(({ ctx }) => listTaskTemplates(ctx.svc)),

  create: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "write",
      tool: "task_templates_create",
      rest: { method: "POST", path: "/task-templates" },
      description:
        "Create a task template: `title` and `description` are Liquid over `variables` (a JSON Schema), with the capabilities, priority and input every task from it gets; `fileTemplateId` makes its tasks file generations. Use task_templates_instantiate or an automation to create tasks from it.",
    })
    .input(createTaskTemplateInput)
    .output(taskTemplateOutput)
    .mutation(({ ctx, input }) => createTaskTemplate(ctx.svc, input)),

  instantiate: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "write",
      tool: "task_templates_instantiate",
      rest: { method: "POST", path: "/task-templates/{taskTemplateId}/tasks" },
      description: "Create a task from a task template with these variables (validated against its schema, defaults applied). Returns the task.",
    })
    .input(instantiateInput)
    .output(taskOutput)
    .mutation(({ ctx, input }) => instantiateTaskTemplate(ctx.svc, input)),

  delete: orgProcedure
    .meta({ scope: "tasks:write", kind: "destructive", tool: "task_templates_delete", rest: { method: "DELETE", path: "/task-templates/{taskTemplateId}" }, description: "Delete a task template and its automations. Tasks made from it stay." })
    .input(taskTemplateIdInput)
    .output(deleted)
    .mutation(({ ctx, input }) => deleteTaskTemplate(ctx.svc, input)),
});

export const automationsRouter = router({
  list: orgProcedure
    .meta({ scope: "tasks:read", kind: "read", tool: "automations_list", rest: { method: "GET", path: "/automations" }, description: "List automations: which task template they use, their trigger (cron or task event), status, last and next firing." })
    .output(z.array(automationOutput))
    .query(({ ctx }) => listAutomations(ctx.svc)),

  create: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "write",
      tool: "automations_create",
      rest: { method: "POST", path: "/automations" },
      description:
        "Create tasks from a task template automatically: `trigger` is {type: cron, cron: '0 9 * * 1-5'} (UTC) or {type: event, on: task.succeeded | task.failed, taskTemplateId?} (when a task, optionally of that template, ends; its title and result are available to the template as `source`). `variables` fill the template.",
    })
    .input(createAutomationInput)
    .output(automationOutput)
    .mutation(({ ctx, input }) => createAutomation(ctx.svc, input)),

  pause: orgProcedure
    .meta({ scope: "tasks:write", kind: "write", idempotent: true, tool: "automations_pause", rest: { method: "POST", path: "/automations/{automationId}/pause" }, description: "Pause an automation: it creates no tasks until resumed." })
    .input(automationIdInput)
    .output(automationOutput)
    .mutation(({ ctx, input }) => setAutomationStatus(ctx.svc, input, "paused")),

  resume: orgProcedure
    .meta({ scope: "tasks:write", kind: "write", idempotent: true, tool: "automations_resume", rest: { method: "POST", path: "/automations/{automationId}/resume" }, description: "Resume a paused automation (a schedule continues from now)." })
    .input(automationIdInput)
    .output(automationOutput)
    .mutation(({ ctx, input }) => setAutomationStatus(ctx.svc, input, "active")),

  delete: orgProcedure
    .meta({ scope: "tasks:write", kind: "destructive", tool: "automations_delete", rest: { method: "DELETE", path: "/automations/{automationId}" }, description: "Delete an automation and its run history." })
    .input(automationIdInput)
    .output(deleted)
    .mutation(({ ctx, input }) => deleteAutomation(ctx.svc, input)),

  runs: orgProcedure
    .meta({ scope: "tasks:read", kind: "read", tool: "automations_runs", rest: { method: "GET", path: "/automations/{automationId}/runs" }, description: "An automation's run history: each firing, the task it created or why it failed." })
    .input(automationIdInput)
    .output(z.array(automationRunOutput))
    .query(({ ctx, input }) => listAutomationRuns(ctx.svc, input)),
});
