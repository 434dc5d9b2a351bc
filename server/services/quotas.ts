import "server-only";
// Daily allowances, checked by the services that create what they count, before they write:
// past one, a FORBIDDEN naming the quota, the plan and when it resets, and nothing written.
import { and, count, eq, gte } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { memberships, organizations } from "@/db/schema";
import { AppError } from "@/server/errors";
import type { ServiceContext } from "./context";
import { type PlanLimits, planLimits, secondsToUtcMidnight, startOfUtcDay } from "./plans";

async function planOf(ctx: Pick<ServiceContext, "db" | "orgId" | "plan">): Promise<PlanLimits & { plan: string }> {
  if (ctx.plan) return planLimits(ctx.plan); // known from the key or the session: no query
  const [org] = await ctx.db.select({ plan: organizations.plan }).from(organizations).where(eq(organizations.id, ctx.orgId));
  return planLimits(org?.plan);
}

/** Refuses when the organization already made its plan's daily number of rows of `table` today. */
export async function assertDailyQuota(
  ctx: ServiceContext,
  quota: "tasksPerDay" | "generationsPerDay",
  what: string,
  table: PgTable & { organizationId: AnyPgColumn; createdAt: AnyPgColumn },
): Promise<void> {
  const limits = await planOf(ctx);
  const max = limits[quota];
  if (max === null) return;
  const [row] = await ctx.db
    .select({ n: count() })
    .from(table)
    .where(and(eq(table.organizationId, ctx.orgId), gte(table.createdAt, startOfUtcDay())));
  if ((row?.n ?? 0) >= max) {
    const retryAfterSeconds = secondsToUtcMidnight();
    throw new AppError("FORBIDDEN", `Quota reached: the ${limits.plan} plan allows ${max.toLocaleString("en")} ${what} per day; it resets at 00:00 UTC (in ${Math.ceil(retryAfterSeconds / 3600)} h)`, {
      quota,
      limit: max,
      plan: limits.plan,
      retryAfterSeconds,
    });
  }
}

/** Refuses a new member (an invitation, or accepting one) once the organization has its plan's number of members. */
export async function assertMemberQuota(ctx: Pick<ServiceContext, "db" | "orgId">): Promise<void> {
  const limits = await planOf(ctx);
  if (limits.members === null) return;
  const [row] = await ctx.db.select({ n: count() }).from(memberships).where(eq(memberships.organizationId, ctx.orgId));
  if ((row?.n ?? 0) >= limits.members) {
    throw new AppError("FORBIDDEN", `Quota reached: the ${limits.plan} plan allows ${limits.members.toLocaleString("en")} members; remove someone or change plans first`, { quota: "members", limit: limits.members, plan: limits.plan });
  }
}
