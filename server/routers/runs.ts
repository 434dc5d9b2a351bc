import "server-only";
import { z } from "zod";
import { page } from "@/server/schemas/common";
import { listRunsInput, runDetail, runIdInput, runSummary } from "@/server/schemas/runs";
import { usesInngest } from "@/server/workflows/engine";
import { workflowFunctions } from "@/server/workflows/functions";
import { cancelOrgRun, getOrgRun, listOrgRuns, retryOrgRun } from "@/server/services/runs/runs";
import { orgProcedure, router } from "../trpc/init";

export const runsRouter = router({
  list: orgProcedure
    .meta({
      scope: "workflows:read",
      kind: "read",
      tool: "runs_list",
      rest: { method: "GET", path: "/runs" },
      description:
        "List your organization's durable workflow runs (file generations, task executions), newest first, filtered by function, status or the generation/task they are about. With Inngest as the engine, runs live in Inngest's dashboard and this list is empty.",
    })
    .input(listRunsInput)
    .output(page(runSummary).extend({ engine: z.enum(["in-process", "inngest"]) }))
    .query(async ({ ctx, input }) => ({ ...(await listOrgRuns(ctx.svc, input)), engine: usesInngest ? ("inngest" as const) : ("in-process" as const) })),

  get: orgProcedure
    .meta({
      scope: "workflows:read",
      kind: "read",
      tool: "runs_get",
      rest: { method: "GET", path: "/runs/{id}" },
      description: "Read one workflow run: its status, event, output or error, and the timeline of its steps with attempts, durations, outputs and errors.",
    })
    .input(runIdInput)
    .output(runDetail)
    .query(({ ctx, input }) => getOrgRun(ctx.svc, input.id)),

  cancel: orgProcedure
    .meta({
      scope: "workflows:write",
      kind: "destructive",
      tool: "runs_cancel",
      rest: { method: "POST", path: "/runs/{id}/cancel" },
      description: "Cancel an unfinished run: a step in flight finishes, no further step starts.",
    })
    .input(runIdInput)
    .output(runSummary)
    .mutation(({ ctx, input }) => cancelOrgRun(ctx.svc, input.id)),

  retry: orgProcedure
    .meta({
      scope: "workflows:write",
      kind: "write",
      tool: "runs_retry",
      rest: { method: "POST", path: "/runs/{id}/retry" },
      description: "Start a failed or cancelled run again, as a new run of the same function with the same event. Returns the new run. A run whose subject has ended (a cancelled, refunded or failed generation) is refused with the reason: start a new generation instead.",
    })
    .input(runIdInput)
    .output(runSummary)
    .mutation(({ ctx, input }) => retryOrgRun(ctx.svc, input.id, workflowFunctions)),
});
