import "server-only";
import { z } from "zod";
import { usageSummary } from "@/server/services/usage/summary";
import { orgProcedure, router } from "../trpc/init";

const counts = z.object({ tasksCreated: z.number(), tasksSucceeded: z.number(), tasksFailed: z.number(), generations: z.number(), bytesGenerated: z.number(), workflowRuns: z.number() });

export const usageRouter = router({
  summary: orgProcedure
    .meta({
      scope: "usage:read",
      kind: "read",
      tool: "usage_summary",
      rest: { method: "GET", path: "/usage" },
      description: "Your organization's usage over the last `days` days (default 30): tasks created, succeeded and failed, generations and bytes generated, workflow runs — per day and in total.",
    })
    .input(z.object({ days: z.number().int().min(1).max(366).default(30) }).default({ days: 30 }))
    .output(z.object({ from: z.string(), to: z.string(), totals: counts, days: z.array(counts.extend({ date: z.string() })) }))
    .query(({ ctx, input }) => usageSummary(ctx.svc, input)),
});
