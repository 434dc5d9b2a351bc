// Capacity bought across organizations, through the public procedures: B runs tasks on A's public
// priced agent; each attempt holds the price, success pays A less the fee, anything else refunds B,
// exactly once; a public agent's slots are shared fairly between buyers. The ledger's invariants
// are checked after every test.
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { creditAccounts, tasks } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { feesEarned, PLATFORM_FEE_BPS, walletId } from "../credits/ledger";
import { requeueExpiredLeases } from "./claim";
import { dispatchQueuedTask } from "./dispatch";

describe.each(dbKinds)("agent capacity marketplace on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  /** Every transaction sums to zero; no wallet or escrow is negative; every hold ends at most once, and a finished task holds nothing. */
  afterEach(async () => {
    const unbalanced = await h.db.execute(sql`select transaction_id from credit_entries group by transaction_id having sum(amount) <> 0`);
    expect(rowsOf(unbalanced)).toEqual([]);
    const negative = await h.db.execute(sql`select id from credit_accounts where kind <> 'platform' and balance < 0`);
    expect(rowsOf(negative)).toEqual([]);
    const twice = await h.db.execute(
      sql`select left(idempotency_key, length(idempotency_key) - 5) as k from credit_transactions where idempotency_key like 'task:%:hold' and exists (select 1 from credit_transactions s where s.idempotency_key = left(credit_transactions.idempotency_key, length(credit_transactions.idempotency_key) - 5) || ':settle') and exists (select 1 from credit_transactions r where r.idempotency_key = left(credit_transactions.idempotency_key, length(credit_transactions.idempotency_key) - 5) || ':release')`,
    );
    expect(rowsOf(twice)).toEqual([]);
    const open = await h.db.execute(sql`select id from tasks where hold_key is not null and status not in ('assigned', 'running')`);
    expect(rowsOf(open)).toEqual([]);
    const balances = await h.db.execute(
      sql`select a.id from credit_accounts a where a.balance <> coalesce((select sum(e.amount) from credit_entries e where e.account_id = a.id), 0)`,
    );
    expect(rowsOf(balances)).toEqual([]);
  });

  const rowsOf = (r: unknown) => (Array.isArray(r) ? r : ((r as { rows: unknown[] }).rows ?? []));
  const balanceOf = async (id: string) => (await h.db.select({ b: creditAccounts.balance }).from(creditAccounts).where(eq(creditAccounts.id, id)))[0]?.b ?? 0;

  async function market(price = 40, maxConcurrency = 2) {
    const a = await makeOrg(h.db, "Seller");
    const b = await makeOrg(h.db, "Buyer");
    const seller = await keyCaller(h.db, a.org.id, scopes, a.owner.id);
    const buyer = await keyCaller(h.db, b.org.id, scopes, b.owner.id);
    const { agent } = await seller.agents.register({ name: "Reviewer", kind: "mcp", capabilities: ["review"], sharing: "public", priceCredits: price, maxConcurrency });
    return { a, b, seller, buyer, agent };
  }

  it("B pays A's price per attempt: held at assignment, A earns price − fee, the platform the fee", async () => {
    const { a, b, seller, buyer, agent } = await market(40);
    const task = await buyer.tasks.create({ title: "Review my PR", requiredCapabilities: ["review"], agentId: agent.id, input: { pr: 7 } });
    expect(task).toMatchObject({ agentId: agent.id, maxPriceCredits: 40, status: "queued", holdCredits: 0 });
    const fees0 = await feesEarned(h.db);
    const claimed = await seller.tasks.claim({ agentId: agent.id });
    expect(claimed.task).toMatchObject({ id: task.id, input: { pr: 7 }, holdCredits: 40, dependsOn: [] });
    expect(await buyer.credits.balance()).toEqual({ balance: 960, held: 40 });
    // The seller works it; the buyer cannot report on it, and the seller sees nothing else of B.
    await seller.tasks.reportProgress({ taskId: task.id, progress: 50, message: "half way" });
    await expect(buyer.tasks.complete({ taskId: task.id })).rejects.toThrow(/another organization's agent/);
    expect((await seller.tasks.list({})).items.map((t) => t.id)).not.toContain(task.id);
    await expect(seller.tasks.events({ taskId: task.id })).rejects.toThrow(/not found/i);
    await seller.tasks.complete({ taskId: task.id, result: { ok: true } });
    const fee = Math.floor((40 * PLATFORM_FEE_BPS) / 10_000);
    expect(await buyer.credits.balance()).toEqual({ balance: 960, held: 0 });
    expect(await balanceOf(walletId(a.org.id))).toBe(1_000 + 40 - fee);
    expect((await feesEarned(h.db)) - fees0).toBe(fee);
    const done = await buyer.tasks.get({ id: task.id });
    expect(done).toMatchObject({ status: "succeeded", costCredits: 40, holdCredits: 0, result: { ok: true } });
    const events = await buyer.tasks.events({ taskId: task.id });
    expect(events.find((e) => e.type === "assigned")?.data).toMatchObject({ heldCredits: 40 });
    expect(events.find((e) => e.type === "paid")?.data).toMatchObject({ credits: 40, fee });
    // The buyer's timeline names the seller's agent, never the seller's keys or people.
    expect(events.filter((e) => ["assigned", "started", "succeeded"].includes(e.type)).map((e) => e.actor)).toEqual(["agent:Reviewer", "agent:Reviewer", "agent:Reviewer"]);
    expect(b.org.id).not.toBe(a.org.id);
  });

  it("refunds a failed attempt, holds again for a retry, and refunds on cancel and on lease expiry", async () => {
    const { seller, buyer, agent } = await market(30);
    const task = await buyer.tasks.create({ title: "Flaky", requiredCapabilities: ["review"], agentId: agent.id });
    await seller.tasks.claim({ agentId: agent.id });
    await seller.tasks.fail({ taskId: task.id, error: "try again", retryable: true });
    expect(await buyer.credits.balance()).toEqual({ balance: 1_000, held: 0 });
    // A new attempt is a new hold; the seller never answers, so the lease releases it.
    await seller.tasks.claim({ agentId: agent.id });
    expect(await buyer.credits.balance()).toEqual({ balance: 970, held: 30 });
    expect(await requeueExpiredLeases(h.db, new Date(Date.now() + 60 * 60_000))).toContain(task.id);
    expect(await buyer.credits.balance()).toEqual({ balance: 1_000, held: 0 });
    // A third attempt, cancelled by the buyer while it runs: refunded.
    await seller.tasks.claim({ agentId: agent.id });
    await buyer.tasks.cancel({ taskId: task.id });
    expect(await buyer.credits.balance()).toEqual({ balance: 1_000, held: 0 });
    // Retried after the cancel (attempts start over): still a new hold, never a free or a double one.
    await buyer.tasks.retry({ taskId: task.id });
    await seller.tasks.claim({ agentId: agent.id });
    expect(await buyer.credits.balance()).toEqual({ balance: 970, held: 30 });
    await seller.tasks.complete({ taskId: task.id });
    await expect(seller.tasks.complete({ taskId: task.id })).rejects.toThrow(/succeeded|not in progress/);
    expect(await buyer.credits.balance()).toEqual({ balance: 970, held: 0 });
    const kinds = (await buyer.tasks.events({ taskId: task.id })).map((e) => e.type).filter((t) => t === "paid" || t === "refunded");
    expect(kinds).toEqual(["refunded", "refunded", "refunded", "paid"]);
  });

  it("refuses what cannot be bought, before anything is written", async () => {
    const { b, seller, buyer, agent } = await market(5_000);
    const before = await h.db.select({ id: tasks.id }).from(tasks).where(eq(tasks.organizationId, b.org.id));
    await expect(buyer.tasks.create({ title: "Too dear", requiredCapabilities: ["review"], agentId: agent.id })).rejects.toMatchObject({ code: "PAYMENT_REQUIRED" });
    await expect(buyer.tasks.create({ title: "Ceiling", requiredCapabilities: ["review"], agentId: agent.id, maxPriceCredits: 10 })).rejects.toThrow(/above your ceiling/);
    await expect(buyer.tasks.create({ title: "Other skill", requiredCapabilities: ["deploy"], agentId: agent.id })).rejects.toThrow(/does not offer deploy/);
    const { agent: secret } = await seller.agents.register({ name: "Private one", kind: "mcp", capabilities: ["review"], sharing: "organization" });
    await expect(buyer.tasks.create({ title: "Private", requiredCapabilities: ["review"], agentId: secret.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await h.db.select({ id: tasks.id }).from(tasks).where(eq(tasks.organizationId, b.org.id))).toEqual(before);
  });

  it("applies the price at assignment within the ceiling, and fails a task its buyer can no longer pay", async () => {
    const { seller, buyer, agent } = await market(20);
    const task = await buyer.tasks.create({ title: "Price rises", requiredCapabilities: ["review"], agentId: agent.id });
    await seller.agents.update({ agentId: agent.id, priceCredits: 25 });
    expect((await seller.tasks.claim({ agentId: agent.id })).task).toBeNull(); // 25 > the ceiling of 20
    expect((await dispatchQueuedTask(h.db, task.id)).action).toBe("none");
    expect((await buyer.tasks.get({ id: task.id })).match?.reasons[0]).toMatch(/above the task's ceiling of 20/);
    await seller.agents.update({ agentId: agent.id, priceCredits: 15 });
    // Cheaper now: the price at assignment (15) is what is held.
    await seller.tasks.claim({ agentId: agent.id });
    expect(await buyer.credits.balance()).toEqual({ balance: 985, held: 15 });
    await seller.tasks.complete({ taskId: task.id });
    // A high ceiling, then a price the wallet cannot cover at assignment: the task fails with the ledger's words.
    const next = await buyer.tasks.create({ title: "Unpaid", requiredCapabilities: ["review"], agentId: agent.id, maxPriceCredits: 2_000 });
    await seller.agents.update({ agentId: agent.id, priceCredits: 1500 });
    await expect(buyer.agents.update({ agentId: agent.id, priceCredits: 0 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await seller.tasks.claim({ agentId: agent.id })).task).toBeNull();
    expect(await buyer.tasks.get({ id: next.id })).toMatchObject({ status: "failed", error: { message: expect.stringContaining("Not enough credits") } });
  });

  it("lets a task open to the marketplace go to a public agent within its ceiling, never to a dearer one", async () => {
    const { seller, buyer, agent } = await market(30);
    const dear = (await seller.agents.register({ name: "Dear reviewer", kind: "mcp", capabilities: ["review"], sharing: "public", priceCredits: 80 })).agent;
    const task = await buyer.tasks.create({ title: "Anyone within 50", requiredCapabilities: ["review"], maxPriceCredits: 50 });
    expect(task).toMatchObject({ agentId: null, maxPriceCredits: 50 });
    expect((await seller.tasks.claim({ agentId: dear.id })).task).toBeNull();
    expect((await seller.tasks.claim({ agentId: agent.id })).task).toMatchObject({ id: task.id, holdCredits: 30 });
    await seller.tasks.complete({ taskId: task.id });
    expect(await buyer.tasks.get({ id: task.id })).toMatchObject({ costCredits: 30 });
    // Without a ceiling a task stays in its own organization: no public agent takes it.
    const own = await buyer.tasks.create({ title: "Mine only", requiredCapabilities: ["review"] });
    expect((await seller.tasks.claim({ agentId: agent.id })).task).toBeNull();
    expect((await buyer.tasks.get({ id: own.id })).status).toBe("queued");
  });

  it("shares a public agent's slots fairly between two buyers", async () => {
    const { seller, buyer, agent } = await market(1, 2);
    const c = await makeOrg(h.db, "Buyer C");
    const other = await keyCaller(h.db, c.org.id, scopes, c.owner.id);
    for (let i = 0; i < 3; i++) await buyer.tasks.create({ title: `B${i}`, requiredCapabilities: ["review"], agentId: agent.id, priority: 90 });
    await other.tasks.create({ title: "C0", requiredCapabilities: ["review"], agentId: agent.id, priority: 10 });
    const first = await seller.tasks.claim({ agentId: agent.id });
    const second = await seller.tasks.claim({ agentId: agent.id });
    // B's tasks outrank C's, yet C gets the second slot: the buyer holding fewer slots goes first.
    expect([first.task?.title, second.task?.title].sort()).toEqual(["B0", "C0"]);
    expect((await seller.tasks.claim({ agentId: agent.id })).task).toBeNull(); // both slots taken
  });
});
