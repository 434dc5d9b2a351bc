import "server-only";
// Matching a task to an agent: required capabilities ⊆ agent capabilities, among online agents
// with free capacity in the task's organization, scored by load, success rate, p50 duration and
// heartbeat freshness. The choice and its reasons, or the capabilities nobody offers, are kept.
import { and, arrayContains, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Agent, agents, type Task, type TaskMatch } from "@/db/schema";
import { type AgentStats, agentStats, HEARTBEAT_TIMEOUT_MS } from "./agents";

export interface Scored {
  agent: Agent;
  score: number;
  reasons: string[];
}

const weights = { load: 0.4, success: 0.3, latency: 0.2, freshness: 0.1 };

export function scoreAgent(agent: Agent, stats: AgentStats, now = Date.now()): Scored {
  const load = 1 - stats.load;
  const success = stats.successRate ?? 0.8; // a newcomer gets the benefit of the doubt
  const latency = stats.p50Ms === null ? 0.5 : 1 / (1 + stats.p50Ms / 60_000);
  const age = agent.kind === "builtin:filegen" || !agent.lastHeartbeatAt ? 0 : now - agent.lastHeartbeatAt.getTime();
  const freshness = Math.max(0, 1 - age / HEARTBEAT_TIMEOUT_MS);
  const score = weights.load * load + weights.success * success + weights.latency * latency + weights.freshness * freshness;
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  return {
    agent,
    score: Math.round(score * 1000) / 1000,
    reasons: [
      `load ${stats.running}/${agent.maxConcurrency}`,
      stats.successRate === null ? "no finished runs yet" : `success ${pct(stats.successRate)} of ${stats.runs}`,
      stats.p50Ms === null ? "no duration yet" : `p50 ${stats.p50Ms} ms`,
      agent.kind === "builtin:filegen" ? "built-in" : `heartbeat ${Math.round(age / 1000)} s ago`,
    ],
  };
}

/** Online agents of the organization that offer every required capability, best first, with free capacity only. */
export async function rankAgents(db: DbOrTx, task: Pick<Task, "organizationId" | "requiredCapabilities">): Promise<Scored[]> {
  const candidates = await db
    .select()
    .from(agents)
    .where(and(eq(agents.organizationId, task.organizationId), eq(agents.status, "online"), arrayContains(agents.capabilities, task.requiredCapabilities)));
  const stats = await agentStats(db, candidates);
  return candidates
    .filter((a) => stats.get(a.id)!.running < a.maxConcurrency)
    .map((a) => scoreAgent(a, stats.get(a.id)!))
    .sort((x, y) => y.score - x.score || x.agent.createdAt.getTime() - y.agent.createdAt.getTime());
}

/** Required capabilities that no online agent of the organization offers. */
export async function missingCapabilities(db: DbOrTx, task: Pick<Task, "organizationId" | "requiredCapabilities">): Promise<string[]> {
  if (!task.requiredCapabilities.length) return [];
  const [row] = await db
    .select({ caps: sql<string[]>`coalesce(array_agg(distinct c), '{}')` })
    .from(sql`${agents}, unnest(${agents.capabilities}) as c`)
    .where(and(eq(agents.organizationId, task.organizationId), eq(agents.status, "online")));
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
  const reasons = missing.length
    ? [`no online agent offers ${missing.join(", ")}`]
    : [`every agent offering ${task.requiredCapabilities.join(", ") || "any capability"} is busy or offline; the task waits in the queue`];
  return { best: null, match: { reasons, missing, at } };
}
