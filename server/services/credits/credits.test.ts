import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { creditAccounts, creditEntries, generations } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { feeAccountFor, feesEarned, hold, openWallet, PLATFORM_FEE_BPS, post, release, SIGNUP_GRANT, settle, walletId } from "./ledger";

describe.each(dbKinds)("credits on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  const balanceOf = async (id: string) => (await h.db.select().from(creditAccounts).where(eq(creditAccounts.id, id)))[0]?.balance ?? 0;
  const ledgerSum = async () => Number((await h.db.select({ n: sql<string>`coalesce(sum(${creditEntries.amount}), 0)` }).from(creditEntries))[0]!.n);

  it("posts balanced transactions once per idempotency key, and refuses to overdraw", async () => {
    const { org } = await makeOrg(h.db, "Ledger");
    await openWallet(h.db, org.id);
    await openWallet(h.db, org.id);
    expect(await balanceOf(walletId(org.id))).toBe(SIGNUP_GRANT);
    await expect(post(h.db, { key: "unbalanced", kind: "test", memo: "", legs: [{ account: walletId(org.id), amount: 5 }] })).rejects.toThrow(/unbalanced/);
    const spend = { key: `spend:${org.id}`, kind: "test", memo: "spend", legs: [{ account: walletId(org.id), amount: -400 }, { account: "platform:fees", amount: 400 }] };
    expect(await post(h.db, spend)).toMatchObject({ replayed: false });
    expect(await post(h.db, spend)).toMatchObject({ replayed: true });
    expect(await balanceOf(walletId(org.id))).toBe(600);
    const err = await post(h.db, { ...spend, key: `big:${org.id}`, legs: [{ account: walletId(org.id), amount: -601 }, { account: "platform:fees", amount: 601 }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "PAYMENT_REQUIRED", message: expect.stringContaining("needs 601, the balance is 600") });
    expect(await balanceOf(walletId(org.id))).toBe(600);
    expect(await ledgerSum()).toBe(0);
  });

  it("lets concurrent holds spend the wallet exactly once, never below zero", async () => {
    const buyer = await makeOrg(h.db, "Buyer");
    const seller = await makeOrg(h.db, "Seller");
    const results = await Promise.allSettled(
      Array.from({ length: 14 }, (_, i) => hold(h.db, { key: `race:${buyer.org.id}:${i}`, buyerOrgId: buyer.org.id, payeeOrgId: seller.org.id, amount: 100, memo: "race", subject: `race:${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.code === "PAYMENT_REQUIRED")).toBe(true);
    expect(await balanceOf(walletId(buyer.org.id))).toBe(0);
    expect(await balanceOf(`escrow:${buyer.org.id}`)).toBe(1_000);
    // Settle one twice, release another, then try to settle the released one: each hold ends once.
    await Promise.all([settle(h.db, `race:${buyer.org.id}:0`), settle(h.db, `race:${buyer.org.id}:0`)]);
    await release(h.db, `race:${buyer.org.id}:1`);
    await settle(h.db, `race:${buyer.org.id}:1`);
    await openWallet(h.db, seller.org.id);
    expect(await balanceOf(walletId(seller.org.id))).toBe(SIGNUP_GRANT + 90);
    expect(await balanceOf(walletId(buyer.org.id))).toBe(100);
    expect(await balanceOf(`escrow:${buyer.org.id}`)).toBe(800);
    expect(await ledgerSum()).toBe(0);
  });

  it("charges another organization's paid template per generation: held, paid on success, refunded on failure", async () => {
    const pub = await makeOrg(h.db, "Template Seller");
    const buy = await makeOrg(h.db, "Template Buyer");
    const seller = await keyCaller(h.db, pub.org.id, scopes, pub.owner.id);
    const buyer = await keyCaller(h.db, buy.org.id, scopes, buy.owner.id);
    const t = await seller.templates.create({
      name: "Paid readme",
      visibility: "public",
      priceCredits: 300,
      files: [{ path: "{{ dir }}/README.md", content: "# {{ dir }}" }],
      variables: { type: "object", properties: { dir: { type: "string" } }, required: ["dir"] },
    });
    expect(await buyer.credits.balance()).toEqual({ balance: 1_000, held: 0 });

    const g = await buyer.generations.create({ templateId: t.id, variables: { dir: "docs" }, format: "json" });
    expect(g.status).toBe("succeeded");
    expect(await buyer.credits.balance()).toEqual({ balance: 700, held: 0 });
    expect(await seller.credits.balance()).toEqual({ balance: 1_000 + 270, held: 0 });
    const history = await buyer.credits.history({ limit: 10 });
    // The hold line says it was paid (settled), not that it is still held.
    expect(history.items.map((e) => [e.kind, e.amount, e.balanceAfter, e.holdOutcome])).toEqual([
      ["hold", -300, 700, "paid"],
      ["grant", 1_000, 1_000, null],
    ]);
    expect((await seller.credits.history({ limit: 1 })).items[0]).toMatchObject({ kind: "sale", amount: 270, fee: 30, memo: "Template Paid readme v1.0.0" });

    // The same output again is reused, free; the publisher's own generations are free.
    expect((await buyer.generations.create({ templateId: t.id, variables: { dir: "docs" }, format: "json" })).reused).toBe(true);
    await seller.generations.create({ templateId: t.id, variables: { dir: "own" }, format: "json" });
    expect(await buyer.credits.balance()).toEqual({ balance: 700, held: 0 });
    expect(await seller.credits.balance()).toEqual({ balance: 1_270, held: 0 });

    // A path that renders unsafe fails the generation: the price comes back.
    await expect(buyer.generations.create({ templateId: t.id, variables: { dir: ".." }, format: "json" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    expect(await buyer.credits.balance()).toEqual({ balance: 700, held: 0 });
    const [refund, refunded] = (await buyer.credits.history({ limit: 2 })).items;
    expect(refund).toMatchObject({ kind: "refund", amount: 300 });
    expect(refunded).toMatchObject({ kind: "hold", amount: -300, holdOutcome: "refunded" });

    // Too expensive: refused naming the shortfall, and no generation is written.
    await seller.templates.update({ templateId: t.id, priceCredits: 5_000 });
    const before = (await h.db.select({ n: sql<number>`count(*)::int` }).from(generations).where(eq(generations.organizationId, buy.org.id)))[0]!.n;
    const uses = (await seller.templates.get({ id: t.id })).usageCount;
    await expect(buyer.generations.create({ templateId: t.id, variables: { dir: "api" }, format: "json" })).rejects.toMatchObject({
      code: "PAYMENT_REQUIRED",
      message: expect.stringContaining("needs 5000, the balance is 700"),
    });
    expect((await h.db.select({ n: sql<number>`count(*)::int` }).from(generations).where(eq(generations.organizationId, buy.org.id)))[0]!.n).toBe(before);
    expect((await seller.templates.get({ id: t.id })).usageCount).toBe(uses);
    expect(await buyer.credits.balance()).toEqual({ balance: 700, held: 0 });

    // Forking buys the template once; without the credits there is no fork.
    await expect(buyer.templates.fork({ templateId: t.id })).rejects.toMatchObject({ code: "PAYMENT_REQUIRED" });
    await seller.templates.update({ templateId: t.id, priceCredits: 200 });
    const fork = await buyer.templates.fork({ templateId: t.id });
    expect(await buyer.credits.balance()).toEqual({ balance: 500, held: 0 });
    await buyer.generations.create({ templateId: fork.id, variables: { dir: "free" }, format: "json" });
    expect(await buyer.credits.balance()).toEqual({ balance: 500, held: 0 });
    expect((await buyer.templates.search({ scope: "mine", limit: 50 })).items.map((x) => x.id)).toEqual([fork.id]);
    expect(await ledgerSum()).toBe(0);
  });

  it("spreads sales' fees over the fee account's shards, and the platform's earnings are their sum", async () => {
    const buyer = (await makeOrg(h.db, "Fee buyer")).org.id;
    const seller = (await makeOrg(h.db, "Fee seller")).org.id;
    await openWallet(h.db, buyer);
    const before = await feesEarned(h.db);
    const keys = Array.from({ length: 24 }, (_, i) => `fee-shard:${buyer}:${i}`);
    await Promise.all(keys.map(async (key) => {
      await hold(h.db, { key, buyerOrgId: buyer, payeeOrgId: seller, amount: 20, memo: "sale", subject: key });
      await settle(h.db, key);
    }));
    await settle(h.db, keys[0]!); // a replayed settle credits nothing, to no other shard
    const fee = Math.floor((20 * PLATFORM_FEE_BPS) / 10_000);
    expect((await feesEarned(h.db)) - before).toBe(24 * fee);
    expect(new Set(keys.map(feeAccountFor)).size).toBeGreaterThan(1);
    expect(keys.map(feeAccountFor).every((a) => /^platform:fees:[0-7]$/.test(a))).toBe(true);
    expect(await ledgerSum()).toBe(0);
  });
});
