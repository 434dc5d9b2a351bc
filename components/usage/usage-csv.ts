// The Usage page's CSV export: one row per day, built from usage_summary (no second query), the
// per-key calls after a blank line. Quoting and formula neutralising: components/ui/csv.ts.
import type { inferRouterOutputs } from "@trpc/server";
import { csvLine } from "@/components/ui/csv";
import type { AppRouter } from "@/server/routers/_app";

export type UsageSummary = inferRouterOutputs<AppRouter>["usage"]["summary"];

const line = csvLine;

export function usageCsv(u: UsageSummary): string {
  const rows = [
    line(["date", "calls", "mcp_calls", "rest_calls", "trpc_calls", "errors", "tasks_created", "tasks_succeeded", "tasks_failed", "generations", "bytes_generated", "workflow_runs", "credits_spent"]),
    ...u.days.map((d) =>
      line([d.date, d.calls, d.callsBySurface.mcp, d.callsBySurface.rest, d.callsBySurface.trpc, d.errors, d.tasksCreated, d.tasksSucceeded, d.tasksFailed, d.generations, d.bytesGenerated, d.workflowRuns, d.creditsSpent]),
    ),
    "",
    line(["api_key_id", "api_key", "calls", "mcp_calls", "rest_calls", "trpc_calls", "errors"]),
    ...u.keys.map((k) => line([k.apiKeyId, k.name, k.calls, k.bySurface.mcp, k.bySurface.rest, k.bySurface.trpc, k.errors])),
  ];
  return `${rows.join("\r\n")}\r\n`;
}

export const usageCsvName = (u: Pick<UsageSummary, "from" | "to">) => `usage-${u.from}-to-${u.to}.csv`;
