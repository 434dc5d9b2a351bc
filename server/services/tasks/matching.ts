import "server-only";
// Matching a task to an agent: required capabilities ⊆ agent capabilities, among online agents
// with free capacity in the task's organization, scored by load, success rate, p50 duration and
// heartbeat freshness. A task that names an agent considers only it; one with a price ceiling also
// considers other organizations' public agents within it, with their price in the score.
// The choice and its reasons, or the capabilities nobody offers, are kept.
import { and, arrayContains, eq, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Agent, agents, type Task, type TaskMatch } from "@/db/schema";
import { type AgentStats, agentStats, HEARTBEAT_TIMEOUT_MS } from "./agents";
import { isPurchase, priceRefusal } from "./capacity";

type Matchable = Pick<Task, "organizationId" | "requiredCapabilities" | "agentId" | "maxPriceCredits">;

/** The agents a task may run on, before capacity and capabilities. */
function scopeOf(task: Matchable): SQL {
  const own = eq(agents.organizationId, task.organizationId);
  if (task.agentId) return and(eq(agents.id, task.agentId), or(own, eq(agents.sharing, "public")))!;
  if (task.maxPriceCredits === null || task.maxPriceCredits === undefined) return own;
  return or(own, and(eq(agents.sharing, "public"), lte(agents.priceCredits, task.maxPriceCredits)))!;
}

export interface Scored {
  agent: Agent;
  score: number;
  reasons: string[];
}

const weights = { load: 0.4, success: 0.3, latency: 0.2, freshness: 0.1, price: 0.2 };

/** The score; `task` given, another organization's price counts against it (relative to the ceiling). */
export function scoreAgent(agent: Agent, stats: AgentStats, now = Date.now(), task?: Matchable): Scored {
  const load = 1 - stats.load;
  const success = stats.successRate ?? 0.8; // a newcomer gets the benefit of the doubt
  const latency = stats.p50Ms === null ? 0.5 : 1 / (1 + stats.p50Ms / 60_000);
  const age = agent.kind === "builtin:filegen" || !agent.lastHeartbeatAt ? 0 : now - agent.lastHeartbeatAt.getTime();
  const freshness = Math.max(0, 1 - age / HEARTBEAT_TIMEOUT_MS);
  const paid = task && isPurchase(task, agent);
  const price = paid ? agent.priceCredits / Math.max(1, task.maxPriceCredits ?? agent.priceCredits) : 0;
  const score = weights.load * load + weights.success * success + weights.latency * latency + weights.freshness * freshness - weights.price * price;
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  return {
    agent,
    score: Math.round(score * 1000) / 1000,
    reasons: [
      `load ${stats.running}/${agent.maxConcurrency}`,
      stats.successRate === null ? "no finished runs yet" : `success ${pct(stats.successRate)} of ${stats.runs}`,
      stats.p50Ms === null ? "no duration yet" : `p50 ${stats.p50Ms} ms`,
      agent.kind === "builtin:filegen" ? "built-in" : `heartbeat ${Math.round(age / 1000)} s ago`,
      ...(paid ? [`${agent.priceCredits} credits per attempt`] : []),
    ],
  };
}

/** Online agents the task may run on that offer every required capability, best first, with free capacity (and a price within the ceiling) only. */
export async function rankAgents(db: DbOrTx, task: Matchable): Promise<Scored[]> {
  const candidates = await db
    .select()
    .from(agents)
    // A task that requires nothing fits every agent but the built-in file generator, which can only
    // render a template (and arrayContains refuses an empty list).
    .where(and(scopeOf(task), eq(agents.status, "online"), task.requiredCapabilities.length ? arrayContains(agents.capabilities, task.requiredCapabilities) : ne(agents.kind, "builtin:filegen")));
  const stats = await agentStats(db, candidates);
  const now = Date.now();
  return candidates
    .filter((a) => stats.get(a.id)!.running < a.maxConcurrency && !priceRefusal(task, a))
    .map((a) => scoreAgent(a, stats.get(a.id)!, now, task))
    .sort((x, y) => y.score - x.score || x.agent.createdAt.getTime() - y.agent.createdAt.getTime());
}

/** Required capabilities that no online agent the task may run on offers. */
export async function missingCapabilities(db: DbOrTx, task: Matchable): Promise<string[]> {
  if (!task.requiredCapabilities.length) return [];
  const [row] = await db
    .select({ caps: sql<string[]>`coalesce(array_agg(distinct c), '{}')` })
    .from(sql`${agents}, unnest(${agents.capabilities}) as c`)
    .where(and(scopeOf(task), eq(agents.status, "online")));
  const offered = new Set(row?.caps ?? []);
  return task.requiredCapabilities.filter((c) => !offered.has(c));
}

/**
 * The agent for a task. Agents the platform pushes work to (built-in, webhook) are preferred: they
 * start at once; MCP agents pull, so a task that only they fit waits, offered, for a claim.
 */
export async function matchTask(db: DbOrTx, task: Task): Promise<{ best: Scored | null; match: TaskMatch }> {
  const ranked = await rankAgents(db, task);
  const at = new Date().toISOString();
  const best = ranked.find((r) => r.agent.kind !== "mcp") ?? ranked[0] ?? null;
  if (best) {
    const others = ranked.filter((r) => r !== best).slice(0, 2).map((r) => `${r.agent.name} ${r.score}`);
    const pull = best.agent.kind === "mcp" ? ["offered to MCP agents: waiting for a claim"] : [];
    return { best, match: { agentId: best.agent.id, agentName: best.agent.name, score: best.score, reasons: [...pull, ...best.reasons, ...(others.length ? [`over ${others.join(", ")}`] : [])], at } };
  }
  const missing = await missingCapabilities(db, task);
  const named = task.agentId ? await db.select().from(agents).where(eq(agents.id, task.agentId)) : [];
  const refusal = named[0] ? priceRefusal(task, named[0]) : null;
  const reasons = refusal
    ? [`${refusal}: raise maxPriceCredits or cancel`]
    : task.agentId
      ? [`the agent it names (${named[0]?.name ?? "deleted"}) is busy, offline or gone; the task waits for it`]
      : missing.length
    ? [`no online agent offers ${missing.join(", ")}`]
    : [`every agent offering ${task.requiredCapabilities.join(", ") || "any capability"} is busy or offline; the task waits in the queue`];
  return { best: null, match: { reasons, missing, at } };
}
