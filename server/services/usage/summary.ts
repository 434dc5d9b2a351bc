import "server-only";
// Usage per day, counted from the work itself: tasks created and finished, generations and the
// bytes they produced, workflow runs. (Credits and quotas come with the capacity service.)
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import type { ServiceContext } from "../context";

export interface UsageDay {
  date: string;
  tasksCreated: number;
  tasksSucceeded: number;
  tasksFailed: number;
  generations: number;
  bytesGenerated: number;
  workflowRuns: number;
}

export async function usageSummary(ctx: ServiceContext, input: { days: number }) {
  const rows = rowsOf<{ d: string; kind: string; n: number; bytes: number }>(
    await ctx.db.execute(sql`
      with days as (select generate_series(current_date - ${input.days - 1}::int, current_date, interval '1 day')::date as d)
      select to_char(days.d, 'YYYY-MM-DD') as d, k.kind, coalesce(k.n, 0)::int as n, coalesce(k.bytes, 0)::bigint as bytes
      from days left join lateral (
        select 'created' as kind, count(*) as n, 0 as bytes from tasks where organization_id = ${ctx.orgId} and created_at::date = days.d
        union all select 'succeeded', count(*), 0 from tasks where organization_id = ${ctx.orgId} and status = 'succeeded' and ended_at::date = days.d
        union all select 'failed', count(*), 0 from tasks where organization_id = ${ctx.orgId} and status = 'failed' and ended_at::date = days.d
        union all select 'generations', count(*), coalesce(sum(bytes), 0) from generations where organization_id = ${ctx.orgId} and created_at::date = days.d
        union all select 'runs', count(*), 0 from workflow_runs where organization_id = ${ctx.orgId} and created_at::date = days.d
      ) k on true
      order by days.d`),
  );
  const byDay = new Map<string, UsageDay>();
  for (const r of rows) {
    const day = byDay.get(r.d) ?? { date: r.d, tasksCreated: 0, tasksSucceeded: 0, tasksFailed: 0, generations: 0, bytesGenerated: 0, workflowRuns: 0 };
    const n = Number(r.n);
    if (r.kind === "created") day.tasksCreated = n;
    else if (r.kind === "succeeded") day.tasksSucceeded = n;
    else if (r.kind === "failed") day.tasksFailed = n;
    else if (r.kind === "generations") {
      day.generations = n;
      day.bytesGenerated = Number(r.bytes);
    } else if (r.kind === "runs") day.workflowRuns = n;
    byDay.set(r.d, day);
  }
  const days = [...byDay.values()];
  const totals = days.reduce(
    (t, d) => ({
      tasksCreated: t.tasksCreated + d.tasksCreated,
      tasksSucceeded: t.tasksSucceeded + d.tasksSucceeded,
      tasksFailed: t.tasksFailed + d.tasksFailed,
      generations: t.generations + d.generations,
      bytesGenerated: t.bytesGenerated + d.bytesGenerated,
      workflowRuns: t.workflowRuns + d.workflowRuns,
    }),
    { tasksCreated: 0, tasksSucceeded: 0, tasksFailed: 0, generations: 0, bytesGenerated: 0, workflowRuns: 0 },
  );
  return { from: days[0]?.date ?? "", to: days.at(-1)?.date ?? "", totals, days };
}
