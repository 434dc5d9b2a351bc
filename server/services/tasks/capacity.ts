import "server-only";
// Capacity bought across organizations: a task may name another organization's public agent (or
// set a price ceiling and let matching look at public agents). Each attempt on a priced agent of
// another organization holds its price in the buyer's escrow when the task is assigned — the price
// at that moment, within the buyer's ceiling — under a key of its own, so a retry is a new hold.
// Leaving the assigned/running states ends the hold exactly once, in the same transaction as the
// move: success pays the seller (less the platform fee), anything else refunds the buyer.
import { randomUUID } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Agent, agents, type Task, tasks, type TaskStatus } from "@/db/schema";
import { AppError } from "@/server/errors";
import type { ServiceContext } from "../context";
import { creditBalance } from "../credits/account";
import { hold, PLATFORM_FEE_BPS, release, settle } from "../credits/ledger";

/** Whether running `task` on `agent` is a purchase (another organization's agent with a price). */
export const isPurchase = (task: Pick<Task, "organizationId">, agent: Pick<Agent, "organizationId" | "priceCredits">) =>
  agent.organizationId !== task.organizationId && agent.priceCredits > 0;

/** The agent a new task names, checked: the caller's own, or another organization's public one. */
export async function namedAgentFor(ctx: ServiceContext, input: { agentId?: string; maxPriceCredits?: number; requiredCapabilities: string[] }) {
  if (!input.agentId) return { agentId: null, maxPriceCredits: input.maxPriceCredits ?? null };
  const [agent] = await ctx.db.select().from(agents).where(eq(agents.id, input.agentId));
  const foreign = agent && agent.organizationId !== ctx.orgId;
  // Another organization's agent that is not public does not exist as far as the caller knows.
  if (!agent || (foreign && agent.sharing !== "public")) {
    throw new AppError("NOT_FOUND", `agentId: no agent ${input.agentId} of yours, and no public agent of that id`, { fields: [{ path: "agentId", message: "unknown agent" }] });
  }
  if (agent.status === "disabled") throw new AppError("CONFLICT", `${agent.name} is disabled and takes no tasks`);
  const lacking = input.requiredCapabilities.filter((c) => !agent.capabilities.includes(c));
  if (lacking.length) {
    throw new AppError("BAD_REQUEST", `agentId: ${agent.name} does not offer ${lacking.join(", ")}`, { fields: [{ path: "agentId", message: `does not offer ${lacking.join(", ")}` }] });
  }
  if (!foreign) return { agentId: agent.id, maxPriceCredits: input.maxPriceCredits ?? null };
  // The listed price is the ceiling unless the buyer sets one; a later rise above it is not paid.
  const ceiling = input.maxPriceCredits ?? agent.priceCredits;
  if (agent.priceCredits > ceiling) {
    throw new AppError("BAD_REQUEST", `maxPriceCredits: ${agent.name} costs ${agent.priceCredits} credits per attempt, above your ceiling of ${ceiling}`, {
      fields: [{ path: "maxPriceCredits", message: `below the agent's price of ${agent.priceCredits}` }],
    });
  }
  await assertCanPay(ctx, agent.priceCredits, agent.name);
  return { agentId: agent.id, maxPriceCredits: ceiling };
}

/** Refuses, before anything is written, a purchase the wallet cannot cover. */
export async function assertCanPay(ctx: ServiceContext, price: number, what: string) {
  if (price <= 0) return;
  const { balance } = await creditBalance(ctx);
  if (balance < price) {
    throw new AppError("PAYMENT_REQUIRED", `Not enough credits: ${what} costs ${price} credits per attempt and your balance is ${balance}. Earn credits by selling templates or agent capacity (the Usage page shows the ledger).`, {
      needed: price,
      balance,
    });
  }
}

/** Why `agent` may not take `task` on price, or null when it may. */
export function priceRefusal(task: Pick<Task, "organizationId" | "maxPriceCredits">, agent: Pick<Agent, "organizationId" | "priceCredits" | "name">): string | null {
  if (!isPurchase(task, agent)) return null;
  const ceiling = task.maxPriceCredits ?? 0;
  return agent.priceCredits > ceiling ? `${agent.name} now costs ${agent.priceCredits} credits, above the task's ceiling of ${ceiling}` : null;
}

/**
 * Holds the attempt's price (inside the assignment's transaction). Returns the task columns to set,
 * or throws PAYMENT_REQUIRED (the buyer's wallet is short) or CONFLICT (the price passed the ceiling).
 */
export async function holdForAttempt(tx: DbOrTx, task: Task, agent: Agent, createdBy?: string | null): Promise<Pick<Task, "holdKey" | "holdCredits">> {
  if (!isPurchase(task, agent)) return { holdKey: null, holdCredits: 0 };
  const refusal = priceRefusal(task, agent);
  if (refusal) throw new AppError("CONFLICT", refusal);
  const key = `task:${task.id}:${randomUUID()}`;
  await hold(tx, {
    key,
    buyerOrgId: task.organizationId,
    payeeOrgId: agent.organizationId,
    amount: agent.priceCredits,
    memo: `Task “${task.title.slice(0, 80)}” on ${agent.name}`,
    subject: `task:${task.id}`,
    createdBy: createdBy ?? task.createdBy,
  });
  return { holdKey: key, holdCredits: agent.priceCredits };
}

const working: TaskStatus[] = ["assigned", "running"];

/**
 * Ends the current attempt's hold when a task leaves assigned/running for `to`: paid on success,
 * refunded otherwise. Returns the columns to set and the timeline event, or null when nothing is held.
 */
export async function closeAttemptHold(tx: DbOrTx, task: Task, to: TaskStatus) {
  if (!task.holdKey || !working.includes(task.status) || working.includes(to)) return null;
  const credits = task.holdCredits;
  if (to === "succeeded") {
    await settle(tx, task.holdKey);
    const fee = Math.floor((credits * PLATFORM_FEE_BPS) / 10_000);
    return { patch: { holdKey: null, holdCredits: 0, costCredits: task.costCredits + credits }, event: { type: "paid", data: { credits, fee, agentId: task.assignedAgentId } } };
  }
  await release(tx, task.holdKey);
  return { patch: { holdKey: null, holdCredits: 0 }, event: { type: "refunded", data: { credits, agentId: task.assignedAgentId, reason: to } } };
}

/**
 * Fair sharing of a public agent between buyers: while other organizations wait for it, a buyer
 * holds at most its share of the agent's slots (maxConcurrency split evenly, at least one).
 */
export async function overFairShare(tx: DbOrTx, agent: Agent, buyerOrgId: string): Promise<boolean> {
  if (agent.organizationId === buyerOrgId) return false;
  const held = await tx
    .select({ org: tasks.organizationId, n: count() })
    .from(tasks)
    .where(and(eq(tasks.assignedAgentId, agent.id), inArray(tasks.status, working)))
    .groupBy(tasks.organizationId);
  const mine = held.find((h) => h.org === buyerOrgId)?.n ?? 0;
  if (mine === 0) return false;
  const waiting = await tx
    .selectDistinct({ org: tasks.organizationId })
    .from(tasks)
    .where(and(eq(tasks.agentId, agent.id), eq(tasks.status, "queued")));
  const buyers = new Set([...held.map((h) => h.org), ...waiting.map((w) => w.org)]);
  buyers.delete(agent.organizationId);
  if (buyers.size <= 1) return false;
  return mine >= Math.max(1, Math.floor(agent.maxConcurrency / buyers.size));
}
