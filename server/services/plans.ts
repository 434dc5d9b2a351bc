// Plans: what an organization may use. The table below is the default; operators replace or
// extend it with PLANS_JSON (the same shape, read by server/env.ts) without a code change.
// A limit of null means unlimited. Rates are enforced by the procedure middleware on every
// surface; allowances (per day, members) by the services that create what they count. The
// monthly credit grant is recorded here but not granted yet (the Capacity issue).
import { z } from "zod";

const limit = z.number().int().positive().nullable();
export const planLimitsSchema = z.object({
  tasksPerDay: limit,
  generationsPerDay: limit,
  apiCallsPerMinutePerKey: limit,
  apiCallsPerMinutePerOrg: limit,
  members: limit,
  monthlyCreditGrant: z.number().int().min(0),
});
export type PlanLimits = z.infer<typeof planLimitsSchema>;
export const plansSchema = z.record(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), planLimitsSchema);

export const defaultPlans: Record<string, PlanLimits> = {
  free: { tasksPerDay: 1_000, generationsPerDay: 500, apiCallsPerMinutePerKey: 1_200, apiCallsPerMinutePerOrg: 3_000, members: 10, monthlyCreditGrant: 1_000 },
  team: { tasksPerDay: 20_000, generationsPerDay: 10_000, apiCallsPerMinutePerKey: 6_000, apiCallsPerMinutePerOrg: 30_000, members: 100, monthlyCreditGrant: 10_000 },
  enterprise: { tasksPerDay: null, generationsPerDay: null, apiCallsPerMinutePerKey: null, apiCallsPerMinutePerOrg: null, members: null, monthlyCreditGrant: 100_000 },
};

const g = globalThis as unknown as { __cmpPlans?: Record<string, PlanLimits> };

/** Installs the plan table (server start: defaults merged with PLANS_JSON; tests: their own). */
export function definePlans(table: Record<string, PlanLimits>): void {
  g.__cmpPlans = { ...defaultPlans, ...table };
}

/** The plans an organization can be on (the defaults and PLANS_JSON's). */
export const planNames = (): string[] => Object.keys(g.__cmpPlans ?? defaultPlans);

/** The limits of a plan; an unknown plan name gets the free plan's. */
export function planLimits(plan: string | null | undefined): PlanLimits & { plan: string } {
  const table = g.__cmpPlans ?? defaultPlans;
  const name = plan && table[plan] ? plan : "free";
  return { plan: name, ...table[name]! };
}

/** Seconds until the next 00:00 UTC, when daily allowances reset. */
export function secondsToUtcMidnight(now = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

export const startOfUtcDay = (now = new Date()) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
