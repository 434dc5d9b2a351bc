import "server-only";
import { z } from "zod";
import { rateLimiter } from "@/server/adapters/ratelimit";
import { usageSummary } from "@/server/services/usage/summary";
import { orgProcedure, router } from "../trpc/init";

const bySurface = z.object({ trpc: z.number(), mcp: z.number(), rest: z.number() });
const counts = z.object({
  calls: z.number(),
  errors: z.number(),
  callsBySurface: bySurface,
  tasksCreated: z.number(),
  tasksSucceeded: z.number(),
  tasksFailed: z.number(),
  generations: z.number(),
  bytesGenerated: z.number(),
  workflowRuns: z.number(),
  creditsSpent: z.number(),
});
const quota = z.object({ limit: z.number().nullable(), used: z.number(), left: z.number().nullable() });
const plan = z.object({
  name: z.string(),
  monthlyCreditGrant: z.number(),
  members: z.number().nullable(),
  tasksToday: quota,
  generationsToday: quota,
  generatedBytesThisMonth: quota,
  runningTasks: quota,
  apiCallsThisMinute: z.object({ organization: quota, key: quota.nullable(), perKeyLimit: z.number().nullable(), resetsInSeconds: z.number() }),
});

export const usageRouter = router({
  summary: orgProcedure
    .meta({
      scope: "usage:read",
      kind: "read",
      tool: "usage_summary",
      rest: { method: "GET", path: "/usage" },
      description:
        "Your organization's usage over the last `days` days (default 30), per day and in total: API calls by surface and by API key (written about once a second), tasks, generations, bytes, workflow runs, credits spent; and the plan's limits with what is left now (null = unlimited).",
    })
    .input(z.object({ days: z.number().int().min(1).max(366).default(30) }).default({ days: 30 }))
    .output(
      z.object({
        from: z.string(),
        to: z.string(),
        totals: counts,
        days: z.array(counts.extend({ date: z.string() })),
        keys: z.array(z.object({ apiKeyId: z.string().nullable(), name: z.string(), calls: z.number(), errors: z.number(), bySurface })),
        plan,
      }),
    )
    .query(({ ctx, input }) => usageSummary(ctx.svc, input, rateLimiter())),
});
