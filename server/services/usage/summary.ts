import "server-only";
// Usage per day: API calls from the metered counters (server/services/metering), and the work
// itself counted from its tables — tasks created and finished, generations and the bytes they
// produced, workflow runs, credits spent — each a range over an indexed (organization, time)
// column, grouped by UTC day. Beside them: the plan's limits and what is left of them now.
import { and, eq, gte, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { apiKeys, generations, tasks, usageCounters } from "@/db/schema";
import type { ServiceContext } from "../context";
import { escrowId } from "../credits/ledger";
import { startOfUtcDay } from "../plans";
import { bytesThisMonth, countToday, planOf, runningTasks } from "../quotas";

export const SURFACES = ["trpc", "mcp", "rest"] as const;
type Surface = (typeof SURFACES)[number];
type BySurface = Record<Surface, number>;

export interface UsageDay {
  date: string;
  calls: number;
  errors: number;
  callsBySurface: BySurface;
  tasksCreated: number;
  tasksSucceeded: number;
  tasksFailed: number;
  generations: number;
  bytesGenerated: number;
  workflowRuns: number;
  creditsSpent: number;
}

/** What the rate limiter can say about a key without counting a hit. */
export interface RatePeek {
  peek(key: string): Promise<{ count: number; resetMs: number }>;
}

const emptySurfaces = (): BySurface => ({ trpc: 0, mcp: 0, rest: 0 });
const emptyDay = (date: string): UsageDay => ({ date, calls: 0, errors: 0, callsBySurface: emptySurfaces(), tasksCreated: 0, tasksSucceeded: 0, tasksFailed: 0, generations: 0, bytesGenerated: 0, workflowRuns: 0, creditsSpent: 0 });
const isSurface = (s: string): s is Surface => (SURFACES as readonly string[]).includes(s);
const dayOf = (col: unknown) => sql<string>`to_char((${col} at time zone 'UTC')::date, 'YYYY-MM-DD')`;

export async function usageSummary(ctx: ServiceContext, input: { days: number }, rate?: RatePeek) {
  const from = new Date(startOfUtcDay().getTime() - (input.days - 1) * 86_400_000);
  const fromDay = from.toISOString().slice(0, 10);
  const org = ctx.orgId;
  const [counters, created, ended, gens, runs, spent] = await Promise.all([
    ctx.db
      .select({ day: usageCounters.day, apiKeyId: usageCounters.apiKeyId, keyName: apiKeys.name, surface: usageCounters.surface, metric: usageCounters.metric, value: usageCounters.value })
      .from(usageCounters)
      .leftJoin(apiKeys, eq(apiKeys.id, usageCounters.apiKeyId))
      .where(and(eq(usageCounters.organizationId, org), gte(usageCounters.day, fromDay))),
    ctx.db
      .select({ d: dayOf(tasks.createdAt), n: sql<number>`count(*)::int` })
      .from(tasks)
      .where(and(eq(tasks.organizationId, org), gte(tasks.createdAt, from)))
      .groupBy(sql`1`),
    ctx.db
      .select({ d: dayOf(tasks.endedAt), status: tasks.status, n: sql<number>`count(*)::int` })
      .from(tasks)
      .where(and(eq(tasks.organizationId, org), sql`${tasks.status} in ('succeeded', 'failed')`, gte(tasks.endedAt, from)))
      .groupBy(sql`1`, tasks.status),
    ctx.db
      .select({ d: dayOf(generations.createdAt), n: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${generations.bytes}), 0)::bigint` })
      .from(generations)
      .where(and(eq(generations.organizationId, org), gte(generations.createdAt, from)))
      .groupBy(sql`1`),
    ctx.db.execute(sql`select to_char((created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as d, count(*)::int as n from workflow_runs where organization_id = ${org} and created_at >= ${from.toISOString()} group by 1`),
    // Credits spent: what left the organization's escrow to pay a seller (holds returned are not spent).
    ctx.db.execute(sql`select to_char((e.created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as d, coalesce(sum(-e.amount), 0)::bigint as n
      from credit_entries e join credit_transactions t on t.id = e.transaction_id
      where e.account_id = ${escrowId(org)} and e.created_at >= ${from.toISOString()} and e.amount < 0 and t.kind = 'sale' group by 1`),
  ]);

  const byDay = new Map<string, UsageDay>();
  for (let i = 0; i < input.days; i++) {
    const d = new Date(from.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    byDay.set(d, emptyDay(d));
  }
  const at = (d: string) => byDay.get(d);
  const keys = new Map<string, { apiKeyId: string | null; name: string; calls: number; errors: number; bySurface: BySurface }>();
  for (const c of counters) {
    const day = at(c.day);
    if (!day) continue;
    const k = c.apiKeyId ?? "";
    const key = keys.get(k) ?? { apiKeyId: c.apiKeyId, name: c.apiKeyId ? (c.keyName ?? "(deleted key)") : "Signed-in people (dashboard)", calls: 0, errors: 0, bySurface: emptySurfaces() };
    keys.set(k, key);
    const v = Number(c.value);
    if (c.metric === "calls") {
      day.calls += v;
      key.calls += v;
      if (isSurface(c.surface)) {
        day.callsBySurface[c.surface] += v;
        key.bySurface[c.surface] += v;
      }
    } else if (c.metric === "errors") {
      day.errors += v;
      key.errors += v;
    }
  }
  for (const r of created) if (at(r.d)) at(r.d)!.tasksCreated = Number(r.n);
  for (const r of ended) if (at(r.d)) at(r.d)![r.status === "succeeded" ? "tasksSucceeded" : "tasksFailed"] = Number(r.n);
  for (const r of gens) {
    const day = at(r.d);
    if (!day) continue;
    day.generations = Number(r.n);
    day.bytesGenerated = Number(r.bytes);
  }
  for (const r of rowsOf<{ d: string; n: number }>(runs)) if (at(r.d)) at(r.d)!.workflowRuns = Number(r.n);
  for (const r of rowsOf<{ d: string; n: number }>(spent)) if (at(r.d)) at(r.d)!.creditsSpent = Number(r.n);

  const days = [...byDay.values()];
  const totals = days.reduce(
    (t, d) => ({
      calls: t.calls + d.calls,
      errors: t.errors + d.errors,
      callsBySurface: { trpc: t.callsBySurface.trpc + d.callsBySurface.trpc, mcp: t.callsBySurface.mcp + d.callsBySurface.mcp, rest: t.callsBySurface.rest + d.callsBySurface.rest },
      tasksCreated: t.tasksCreated + d.tasksCreated,
      tasksSucceeded: t.tasksSucceeded + d.tasksSucceeded,
      tasksFailed: t.tasksFailed + d.tasksFailed,
      generations: t.generations + d.generations,
      bytesGenerated: t.bytesGenerated + d.bytesGenerated,
      workflowRuns: t.workflowRuns + d.workflowRuns,
      creditsSpent: t.creditsSpent + d.creditsSpent,
    }),
    { calls: 0, errors: 0, callsBySurface: emptySurfaces(), tasksCreated: 0, tasksSucceeded: 0, tasksFailed: 0, generations: 0, bytesGenerated: 0, workflowRuns: 0, creditsSpent: 0 },
  );
  return {
    from: days[0]?.date ?? "",
    to: days.at(-1)?.date ?? "",
    totals,
    days,
    keys: [...keys.values()].sort((a, b) => b.calls - a.calls),
    plan: await planStatus(ctx, rate),
  };
}

const left = (limit: number | null, used: number) => (limit === null ? null : Math.max(0, limit - used));

/** The plan's limits, what is used of each now, and what is left (null: unlimited). */
export async function planStatus(ctx: ServiceContext, rate?: RatePeek) {
  const limits = await planOf(ctx);
  const [tasksToday, generationsToday, bytesMonth, running, orgRate, keyRate] = await Promise.all([
    countToday(ctx, tasks),
    countToday(ctx, generations),
    bytesThisMonth(ctx),
    runningTasks(ctx.db, ctx.orgId),
    rate?.peek(`api:org:${ctx.orgId}`),
    ctx.actor.type === "apiKey" ? rate?.peek(`api:key:${ctx.actor.keyId}`) : undefined,
  ]);
  const quota = (limit: number | null, used: number) => ({ limit, used, left: left(limit, used) });
  return {
    name: limits.plan,
    monthlyCreditGrant: limits.monthlyCreditGrant,
    members: limits.members,
    tasksToday: quota(limits.tasksPerDay, tasksToday),
    generationsToday: quota(limits.generationsPerDay, generationsToday),
    generatedBytesThisMonth: quota(limits.generatedBytesPerMonth, bytesMonth),
    runningTasks: quota(limits.concurrentTasks, running),
    /** API keys' calls this minute, for the organization (and the calling key); people signed in are not rate-limited. */
    apiCallsThisMinute: {
      organization: quota(limits.apiCallsPerMinutePerOrg, orgRate?.count ?? 0),
      key: ctx.actor.type === "apiKey" ? quota(limits.apiCallsPerMinutePerKey, keyRate?.count ?? 0) : null,
      perKeyLimit: limits.apiCallsPerMinutePerKey,
      resetsInSeconds: Math.ceil((orgRate?.resetMs ?? 0) / 1000),
    },
  };
}
