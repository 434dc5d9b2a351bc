import "server-only";
// Workflow runs as an organization sees them: listed, read, cancelled and retried inside its tenant,
// with the errors a person can act on. The engine's own store (server/workflows/runs.ts) does the
// work; the caller passes which functions exist, so this module needs no process configuration.
import { AppError, notFound } from "@/server/errors";
import type { RunStatus } from "@/db/schema";
import { cancelRun, getRun, listRuns, retryRun } from "@/server/workflows/runs";
import type { WorkflowDefinition } from "@/server/workflows/types";
import type { ServiceContext } from "../context";

export const listOrgRuns = (ctx: ServiceContext, input: { functionId?: string; status?: RunStatus; subjectId?: string; limit: number; cursor?: string | null }) => listRuns(ctx.db, { orgId: ctx.orgId, ...input });

export async function getOrgRun(ctx: ServiceContext, id: string) {
  const run = await getRun(ctx.db, id, ctx.orgId);
  if (!run) throw notFound("Run");
  return run;
}

export async function cancelOrgRun(ctx: ServiceContext, id: string) {
  const run = await getOrgRun(ctx, id);
  if (!(await cancelRun(ctx.db, id, ctx.orgId))) throw new AppError("CONFLICT", `The run has already ended (${run.status})`);
  return getOrgRun(ctx, id);
}

export async function retryOrgRun(ctx: ServiceContext, id: string, functions: WorkflowDefinition[]) {
  const run = await getOrgRun(ctx, id);
  const fresh = await retryRun(ctx.db, id, ctx.orgId, functions);
  if (!fresh) throw new AppError("CONFLICT", `Only failed or cancelled runs can be retried; this one is ${run.status}`);
  return fresh;
}
