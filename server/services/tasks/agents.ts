import "server-only";
// Agents: register, list and search by capability, update, disable, delete; heartbeats, and the
// built-in file generation agent every organization has.
import { randomBytes } from "node:crypto";
import { and, arrayContains, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "@/db/client";
import { type Agent, agents, organizations, tasks } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import type { AgentOutput, RegisterAgentInput } from "@/server/schemas/tasks";
import { audit } from "../audit/audit";
import { actorUserId, type ServiceContext } from "../context";
import { ownVisible, visible } from "../visibility";
import { announceAgentsChanged, announceQueued } from "./announce";
import { moveTask } from "./status";
import { assertDeliverableUrl } from "./webhook";

const agentColumns = { organizationId: agents.organizationId, sharing: agents.sharing, creator: agents.createdBy };

/** Silent this long → offline, and its tasks go back to the queue. */
export const HEARTBEAT_TIMEOUT_MS = 120_000;

export interface AgentStats {
  runs: number;
  succeeded: number;
  failed: number;
  successRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  running: number;
  load: number;
}

/** How many of an agent's latest successful runs its duration percentiles describe. */
export const STATS_RECENT_RUNS = 500;

/**
 * Runs, success rate and current load of each agent, from its tasks (counted on the agent's
 * index), and p50/p95 duration of its latest STATS_RECENT_RUNS successful runs — read newest first
 * from a partial index, so a dispatch does not sort every task an agent ever ran.
 */
export async function agentStats(db: DbOrTx, agentRows: Pick<Agent, "id" | "maxConcurrency">[]): Promise<Map<string, AgentStats>> {
  const out = new Map<string, AgentStats>();
  if (!agentRows.length) return out;
  const ids = agentRows.map((a) => a.id);
  const rows = rowsOf<{ agent_id: string; runs: number; succeeded: number; failed: number; running: number; p50: number | null; p95: number | null }>(
    await db.execute(sql`
      select a.id as agent_id, c.runs, c.succeeded, c.failed, c.running, d.p50, d.p95
      from unnest(array[${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)}]) as a(id)
      cross join lateral (
        select count(*) filter (where status in ('succeeded', 'failed'))::int as runs,
          count(*) filter (where status = 'succeeded')::int as succeeded,
          count(*) filter (where status = 'failed')::int as failed,
          count(*) filter (where status in ('assigned', 'running'))::int as running
        from tasks where assigned_agent_id = a.id
      ) c
      cross join lateral (
        select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.95) within group (order by ms) as p95
        from (
          select extract(epoch from (ended_at - started_at)) * 1000 as ms from tasks
          where assigned_agent_id = a.id and status = 'succeeded' and started_at is not null
          order by ended_at desc limit ${STATS_RECENT_RUNS}
        ) recent
      ) d`),
  );
  for (const a of agentRows) {
    const r = rows.find((x) => x.agent_id === a.id);
    const runs = r?.runs ?? 0;
    const running = r?.running ?? 0;
    out.set(a.id, {
      runs,
      succeeded: r?.succeeded ?? 0,
      failed: r?.failed ?? 0,
      successRate: runs ? (r!.succeeded ?? 0) / runs : null,
      p50Ms: r?.p50 === null || r?.p50 === undefined ? null : Math.round(Number(r.p50)),
      p95Ms: r?.p95 === null || r?.p95 === undefined ? null : Math.round(Number(r.p95)),
      running,
      load: running / a.maxConcurrency,
    });
  }
  return out;
}

export function agentView(ctx: Pick<ServiceContext, "orgId">, a: Agent, stats: AgentStats): AgentOutput {
  return {
    id: a.id,
    organizationId: a.organizationId,
    name: a.name,
    description: a.description,
    kind: a.kind,
    capabilities: a.capabilities,
    maxConcurrency: a.maxConcurrency,
    url: a.organizationId === ctx.orgId ? a.url : null,
    sharing: a.sharing,
    status: a.status,
    priceCredits: a.priceCredits,
    lastHeartbeatAt: a.lastHeartbeatAt,
    createdAt: a.createdAt,
    owned: a.organizationId === ctx.orgId,
    stats,
  };
}

/** The organization's built-in file generation agent, created on first need. */
export async function ensureBuiltinAgent(db: DbOrTx, orgId: string): Promise<Agent> {
  await db
    .insert(agents)
    .values({
      organizationId: orgId,
      name: "File generator (built-in)",
      description: "The platform's own agent: renders the file template a task names with its input variables, and returns the files, a download or clone URL and the instructions.",
      kind: "builtin:filegen",
      capabilities: ["filegen"],
      maxConcurrency: 8,
      status: "online",
    })
    .onConflictDoNothing();
  const [a] = await db.select().from(agents).where(and(eq(agents.organizationId, orgId), eq(agents.kind, "builtin:filegen")));
  return a!;
}

export async function findOwnAgent(ctx: ServiceContext, id: string, lock = false): Promise<Agent> {
  // Who may act on or change an agent is who may see it (the rule templates follow too).
  const q = ctx.db.select().from(agents).where(and(eq(agents.id, id), ownVisible(ctx, agentColumns)));
  const [a] = lock ? await q.for("update") : await q;
  if (!a) throw notFound("Agent");
  return a;
}

export async function registerAgent(ctx: ServiceContext, input: RegisterAgentInput & { allowPrivateUrls?: boolean }) {
  if (input.kind === "webhook") await assertDeliverableUrl(input.url!, { allowPrivate: input.allowPrivateUrls ?? false, field: "url" });
  const signingSecret = input.kind === "webhook" ? `whsec_${randomBytes(24).toString("base64url")}` : null;
  const a = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(agents)
      .values({
        organizationId: ctx.orgId,
        name: input.name,
        description: input.description ?? "",
        kind: input.kind,
        capabilities: [...new Set(input.capabilities)].sort(),
        maxConcurrency: input.maxConcurrency ?? 1,
        url: input.url ?? null,
        signingSecret,
        sharing: input.sharing ?? "organization",
        priceCredits: input.priceCredits ?? 0,
        status: "online",
        createdBy: actorUserId(ctx.actor),
      })
      .returning();
    await audit({ ...ctx, db: tx }, "agent.registered", { type: "agent", id: row!.id }, { name: row!.name, kind: row!.kind });
    await announceAgentsChanged(tx, ctx.orgId);
    return row!;
  });
  const stats = (await agentStats(ctx.db, [a])).get(a.id)!;
  return { agent: agentView(ctx, a, stats), signingSecret };
}

/** Agents the caller may see: its organization's (private ones only to their creator and admins) and public ones. */
const visibleAgents = (ctx: ServiceContext) => visible(ctx, agentColumns);

export async function listAgents(ctx: ServiceContext, input: { capability?: string; status?: "online" | "offline" | "disabled"; scope?: "all" | "mine" | "public"; limit: number }) {
  const conds = [visibleAgents(ctx)];
  if (input.scope === "mine") conds.push(eq(agents.organizationId, ctx.orgId));
  if (input.scope === "public") conds.push(eq(agents.sharing, "public"));
  if (input.capability) conds.push(arrayContains(agents.capabilities, [input.capability]));
  if (input.status) conds.push(eq(agents.status, input.status));
  const rows = await ctx.db
    .select({ a: agents, publisher: organizations.name })
    .from(agents)
    .innerJoin(organizations, eq(organizations.id, agents.organizationId))
    .where(and(...conds))
    .orderBy(sql`${agents.organizationId} = ${ctx.orgId} desc`, asc(agents.name))
    .limit(input.limit);
  const stats = await agentStats(ctx.db, rows.map((r) => r.a));
  return rows.map(({ a, publisher }) => ({ ...agentView(ctx, a, stats.get(a.id)!), publisher }));
}

export async function getAgent(ctx: ServiceContext, input: { agentId: string }) {
  const [row] = await ctx.db
    .select({ a: agents, publisher: organizations.name })
    .from(agents)
    .innerJoin(organizations, eq(organizations.id, agents.organizationId))
    .where(and(eq(agents.id, input.agentId), visibleAgents(ctx)));
  if (!row) throw notFound("Agent");
  return { ...agentView(ctx, row.a, (await agentStats(ctx.db, [row.a])).get(row.a.id)!), publisher: row.publisher };
}

export async function updateAgent(
  ctx: ServiceContext,
  input: { agentId: string; name?: string; description?: string; capabilities?: string[]; maxConcurrency?: number; url?: string; sharing?: "private" | "organization" | "public"; priceCredits?: number; disabled?: boolean; allowPrivateUrls?: boolean },
) {
  return ctx.db.transaction(async (tx) => {
    const a = await findOwnAgent({ ...ctx, db: tx }, input.agentId, true);
    if (a.kind === "builtin:filegen" && (input.capabilities || input.url)) throw new AppError("BAD_REQUEST", "The built-in agent's capabilities and URL are fixed");
    if (input.url) await assertDeliverableUrl(input.url, { allowPrivate: input.allowPrivateUrls ?? false, field: "url" });
    const status = input.disabled === true ? "disabled" : input.disabled === false && a.status === "disabled" ? "online" : a.status;
    const [u] = await tx
      .update(agents)
      .set({
        name: input.name ?? a.name,
        description: input.description ?? a.description,
        capabilities: input.capabilities ? [...new Set(input.capabilities)].sort() : a.capabilities,
        maxConcurrency: input.maxConcurrency ?? a.maxConcurrency,
        url: input.url ?? a.url,
        sharing: input.sharing ?? a.sharing,
        // A new price applies from the next assignment; holds already taken keep theirs.
        priceCredits: input.priceCredits ?? a.priceCredits,
        status,
        lastHeartbeatAt: status === "online" && a.status === "disabled" ? new Date() : a.lastHeartbeatAt,
        updatedAt: new Date(),
      })
      .where(eq(agents.id, a.id))
      .returning();
    await audit({ ...ctx, db: tx }, "agent.updated", { type: "agent", id: a.id }, { changed: Object.keys(input).filter((k) => k !== "agentId") });
    await announceAgentsChanged(tx, ctx.orgId);
    return agentView(ctx, u!, (await agentStats(tx, [u!])).get(u!.id)!);
  });
}

export async function deleteAgent(ctx: ServiceContext, input: { agentId: string }) {
  return ctx.db.transaction(async (tx) => {
    const a = await findOwnAgent({ ...ctx, db: tx }, input.agentId, true);
    if (a.kind === "builtin:filegen") throw new AppError("BAD_REQUEST", "The built-in agent cannot be deleted; disable it instead");
    const [busy] = await tx.select({ n: sql<number>`count(*)::int` }).from(tasks).where(and(eq(tasks.assignedAgentId, a.id), inArray(tasks.status, ["assigned", "running"])));
    if (busy!.n > 0) throw new AppError("CONFLICT", `The agent has ${busy!.n} task(s) in progress; disable it and let them finish first`);
    await tx.delete(agents).where(eq(agents.id, a.id));
    await audit({ ...ctx, db: tx }, "agent.deleted", { type: "agent", id: a.id }, { name: a.name });
    return { id: a.id, deleted: true };
  });
}

/** An agent says it is alive: online again (unless disabled), with a fresh heartbeat. */
export async function heartbeat(ctx: ServiceContext, input: { agentId: string }) {
  return ctx.db.transaction(async (tx) => {
    const a = await findOwnAgent({ ...ctx, db: tx }, input.agentId, true);
    const [u] = await tx
      .update(agents)
      .set({ lastHeartbeatAt: new Date(), status: a.status === "disabled" ? "disabled" : "online" })
      .where(eq(agents.id, a.id))
      .returning();
    if (a.status === "offline") await announceAgentsChanged(tx, ctx.orgId);
    return { agentId: a.id, status: u!.status, lastHeartbeatAt: u!.lastHeartbeatAt!, nextHeartbeatWithinMs: HEARTBEAT_TIMEOUT_MS };
  });
}

/** Agents silent past the timeout go offline; their assigned or running tasks return to the queue. */
const silent = (timeoutMs: number) => and(eq(agents.status, "online"), sql`${agents.kind} <> 'builtin:filegen'`, lt(agents.lastHeartbeatAt, new Date(Date.now() - timeoutMs)));

/** Whether markStaleAgentsOffline would find an agent to take offline (a read: the maintenance tick asks first). */
export async function staleAgentsExist(db: DbOrTx, timeoutMs = HEARTBEAT_TIMEOUT_MS): Promise<boolean> {
  const [row] = await db.select({ id: agents.id }).from(agents).where(silent(timeoutMs)).limit(1);
  return Boolean(row);
}

export async function markStaleAgentsOffline(db: DbOrTx, timeoutMs = HEARTBEAT_TIMEOUT_MS): Promise<{ agents: string[]; requeued: string[] }> {
  return db.transaction(async (tx) => {
    const stale = await tx
      .update(agents)
      .set({ status: "offline", updatedAt: new Date() })
      .where(silent(timeoutMs))
      .returning({ id: agents.id, name: agents.name });
    const requeued: string[] = [];
    if (stale.length) {
      const held = await tx
        .select()
        .from(tasks)
        .where(and(inArray(tasks.assignedAgentId, stale.map((s) => s.id)), inArray(tasks.status, ["assigned", "running"])))
        .for("update", { skipLocked: true });
      for (const t of held) {
        const moved = await moveTask(tx, t, "queued", { assignedAgentId: null, leaseExpiresAt: null, progress: 0, progressMessage: null }, { type: "requeued", actor: "system", data: { reason: "agent went offline (no heartbeat)", agentId: t.assignedAgentId } });
        await announceQueued(tx, moved);
        requeued.push(t.id);
      }
    }
    return { agents: stale.map((s) => s.id), requeued };
  });
}
