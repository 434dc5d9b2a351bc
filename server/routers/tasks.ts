import "server-only";
import { z } from "zod";
import { page } from "@/server/schemas/common";
import {
  claimInput,
  completeInput,
  createTaskInput,
  eventsInput,
  failInput,
  getTaskInput,
  listTasksInput,
  progressInput,
  taskEventOutput,
  taskIdInput,
  taskOutput,
  updateTaskInput,
} from "@/server/schemas/tasks";
import { taskSignals } from "@/server/adapters/pubsub/task-events";
import { claimTask, completeTask, failTask, reportProgress } from "@/server/services/tasks/claim";
import { cancelTask, createTask, getTask, listTaskEvents, listTasks, retryTask, updateTask } from "@/server/services/tasks/tasks";
import { waitForTask } from "@/server/services/tasks/wait";
import { orgProcedure, router } from "../trpc/init";

const createdTask = taskOutput.extend({ waited: z.object({ timedOut: z.boolean() }).optional() });

export const tasksRouter = router({
  create: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "write",
      tool: "tasks_create",
      rest: { method: "POST", path: "/tasks" },
      description:
        "Create a task for an agent. `requiredCapabilities` pick who can do it (an agent must offer all); `priority` 0–100 or low/normal/high/urgent; `dependsOn` lists tasks that must succeed first. To generate files, pass `templateId` and `input: {variables, format}`: the built-in file generation agent runs it and the result carries the files, a download or clone URL and instructions. With `wait: true` the call returns when the task ends (or after `waitSeconds`, default 60), streaming progress notifications if you sent a progress token.",
    })
    .input(createTaskInput)
    .output(createdTask)
    .mutation(async ({ ctx, input }) => {
      const task = await createTask(ctx.svc, input);
      if (!input.wait) return task;
      const { task: final, timedOut } = await waitForTask(ctx.svc, task, { timeoutMs: (input.waitSeconds ?? 60) * 1000, onProgress: ctx.progress });
      return { ...final, waited: { timedOut } };
    }),

  get: orgProcedure
    .meta({
      scope: "tasks:read",
      kind: "read",
      tool: "tasks_get",
      rest: { method: "GET", path: "/tasks/{id}" },
      description: "Read a task: status, progress and message, assigned agent and why it was chosen (or which capabilities nobody offers), dependencies, result or error, attempts and timestamps.",
    })
    .input(getTaskInput)
    .output(taskOutput)
    .query(({ ctx, input }) => getTask(ctx.svc, input)),

  list: orgProcedure
    .meta({
      scope: "tasks:read",
      kind: "read",
      tool: "tasks_list",
      rest: { method: "GET", path: "/tasks" },
      description:
        "List your organization's tasks, filtered by status (one or several), minimum priority, agent, capability or text, sorted newest (default), updated, priority or queue (the order agents get them). Paginate with the returned cursor.",
    })
    .input(listTasksInput)
    .output(page(taskOutput))
    .query(({ ctx, input }) => listTasks(ctx.svc, input)),

  update: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "write",
      idempotent: true,
      tool: "tasks_update",
      rest: { method: "PATCH", path: "/tasks/{taskId}" },
      description: "Change a task's title, description, priority, deadline or dependencies (replacing them; a cycle or a foreign task is refused).",
    })
    .input(updateTaskInput)
    .output(taskOutput)
    .mutation(({ ctx, input }) => updateTask(ctx.svc, input)),

  cancel: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "destructive",
      tool: "tasks_cancel",
      rest: { method: "POST", path: "/tasks/{taskId}/cancel" },
      description: "Cancel a task that has not ended. Tasks depending on it stay blocked, saying why.",
    })
    .input(taskIdInput)
    .output(taskOutput)
    .mutation(({ ctx, input }) => cancelTask(ctx.svc, input)),

  retry: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "write",
      tool: "tasks_retry",
      rest: { method: "POST", path: "/tasks/{taskId}/retry" },
      description: "Put a failed or cancelled task back in the queue (or blocked, if a dependency has not succeeded), with its attempts reset.",
    })
    .input(taskIdInput)
    .output(taskOutput)
    .mutation(({ ctx, input }) => retryTask(ctx.svc, input)),

  events: orgProcedure
    .meta({
      scope: "tasks:read",
      kind: "read",
      tool: "tasks_events",
      rest: { method: "GET", path: "/tasks/{taskId}/events" },
      description: "The task's timeline: every change (created, queued, assigned, progress, succeeded, …) with who made it and when. Pass `after` (an event id) to get only newer ones.",
    })
    .input(eventsInput)
    .output(z.array(taskEventOutput))
    .query(({ ctx, input }) => listTaskEvents(ctx.svc, input)),

  claim: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "write",
      tool: "tasks_claim",
      rest: { method: "POST", path: "/tasks/claim" },
      description:
        "As an MCP agent (registered with agents_register, kind mcp): take the highest-priority queued task whose required capabilities you offer. Atomic: no two agents get the same task. Returns {task, reason}; task is null when nothing fits (reason says why). Then call tasks_report_progress, and tasks_complete or tasks_fail within the lease (5 minutes, renewed by each progress report).",
    })
    .input(claimInput)
    .output(z.object({ task: taskOutput.nullable(), reason: z.string().nullable() }))
    .mutation(({ ctx, input }) => claimTask(ctx.svc, input)),

  reportProgress: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "write",
      idempotent: true,
      tool: "tasks_report_progress",
      rest: { method: "POST", path: "/tasks/{taskId}/progress" },
      description: "Report progress 0–100 on a task you hold, with an optional message; the first report marks it running, and each one renews the lease. Watchers see it live.",
    })
    .input(progressInput)
    .output(taskOutput)
    .mutation(({ ctx, input }) => reportProgress(ctx.svc, input)),

  complete: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "write",
      tool: "tasks_complete",
      rest: { method: "POST", path: "/tasks/{taskId}/complete" },
      description: "Finish a task you hold, successfully, with an optional result object. Tasks waiting on it are released.",
    })
    .input(completeInput)
    .output(taskOutput)
    .mutation(({ ctx, input }) => completeTask(ctx.svc, input)),

  fail: orgProcedure
    .meta({
      scope: "tasks:write",
      kind: "write",
      tool: "tasks_fail",
      rest: { method: "POST", path: "/tasks/{taskId}/fail" },
      description: "Give up a task you hold with an error message. With `retryable: true` and attempts left, it goes back to the queue for another try; otherwise it fails.",
    })
    .input(failInput)
    .output(taskOutput)
    .mutation(({ ctx, input }) => failTask(ctx.svc, input)),

  /** Live task signals for the dashboard (SSE). */
  watch: orgProcedure
    .meta({ scope: "tasks:read", kind: "read", description: "Live task changes of the organization (or one task)." })
    .input(z.object({ taskId: z.uuid().optional() }).default({}))
    .subscription(async function* ({ ctx, input, signal }) {
      yield* taskSignals(ctx.svc.orgId, { taskId: input.taskId, signal });
    }),
});
