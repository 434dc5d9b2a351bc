// Credits in and out: the plan's monthly grant (once per organization and month), operators'
// grants and promo codes (limits, expiry, once per organization, racing for the last one), and the
// seller's statement. The ledger's invariants are checked after every test.
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "@/db/client";
import { creditAccounts, organizations, promoCodes } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { definePlatformOperators } from "@/server/trpc/platform";
import { keyCaller, makeOrg, userCaller } from "@/server/trpc/testing";
import { definePlans, defaultPlans } from "../plans";
import { grantMonthlyCredits, monthOf } from "./grants";
import { hold, PLATFORM_FEE_BPS, SIGNUP_GRANT, settle, walletId } from "./ledger";

describe.each(dbKinds)("credits in and out on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => {
    definePlatformOperators([]);
    definePlans({});
    return h.close();
  });
  afterEach(async () => {
    expect(rowsOf(await h.db.execute(sql`select transaction_id from credit_entries group by transaction_id having sum(amount) <> 0`))).toEqual([]);
    expect(rowsOf(await h.db.execute(sql`select id from credit_accounts where kind <> 'platform' and balance < 0`))).toEqual([]);
    expect(rowsOf(await h.db.execute(sql`select a.id from credit_accounts a where a.balance <> coalesce((select sum(e.amount) from credit_entries e where e.account_id = a.id), 0)`))).toEqual([]);
    expect(rowsOf(await h.db.execute(sql`select id from promo_codes where redemptions <> (select count(*) from promo_redemptions r where r.promo_code_id = promo_codes.id)`))).toEqual([]);
  });

  const balanceOf = async (orgId: string) => (await h.db.select().from(creditAccounts).where(eq(creditAccounts.id, walletId(orgId))))[0]?.balance ?? 0;

  it("grants each older organization its plan's monthly credits once per month, and new ones from next month", async () => {
    definePlans({ ...defaultPlans, team: { ...defaultPlans.team!, monthlyCreditGrant: 7_000 } });
    const old = await makeOrg(h.db, "Old");
    const teamOrg = await makeOrg(h.db, "Team");
    const fresh = await makeOrg(h.db, "Fresh");
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
    await h.db.update(organizations).set({ createdAt: lastMonth }).where(eq(organizations.id, old.org.id));
    await h.db.update(organizations).set({ createdAt: lastMonth, plan: "team" }).where(eq(organizations.id, teamOrg.org.id));

    const [first, second] = [await grantMonthlyCredits(h.db, now), await grantMonthlyCredits(h.db, now)];
    expect(first.granted).toBeGreaterThanOrEqual(2);
    expect(second).toEqual({ granted: 0, credits: 0 });
    expect(await balanceOf(old.org.id)).toBe(SIGNUP_GRANT + defaultPlans.free!.monthlyCreditGrant);
    expect(await balanceOf(teamOrg.org.id)).toBe(SIGNUP_GRANT + 7_000);
    expect(await balanceOf(fresh.org.id)).toBe(SIGNUP_GRANT);
    // Next month the fresh organization is granted too; the history names the month.
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2));
    await grantMonthlyCredits(h.db, nextMonth);
    expect(await balanceOf(fresh.org.id)).toBe(SIGNUP_GRANT + defaultPlans.free!.monthlyCreditGrant);
    const api = await keyCaller(h.db, fresh.org.id, scopes);
    const history = await api.credits.history({ limit: 5 });
    expect(history.items[0]).toMatchObject({ kind: "grant", amount: defaultPlans.free!.monthlyCreditGrant, memo: `Monthly credits for ${monthOf(nextMonth)} (free plan)` });
  });

  it("lets only operators grant credits and make promo codes; a retried grant is a replay", async () => {
    const operator = await makeOrg(h.db, "Operators");
    const customer = await makeOrg(h.db, "Customer");
    definePlatformOperators([operator.owner.email!.toUpperCase()]);
    const op = await userCaller(h.db, operator.owner as { id: string; email: string }, operator.org.id);
    const notOp = await userCaller(h.db, customer.owner as { id: string; email: string }, customer.org.id);
    const customerKey = await keyCaller(h.db, customer.org.id, scopes);
    const [slug] = await h.db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, customer.org.id));
    expect(await op.platform.isOperator()).toBe(true);
    expect(await notOp.platform.isOperator()).toBe(false);

    const grant = { organizationSlug: slug!.slug, amount: 250, reason: "Support credit for the outage", requestKey: "ticket-4711" };
    await expect(notOp.platform.grantCredits(grant)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(customerKey.platform.grantCredits(grant)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(notOp.platform.createPromoCode({ code: "FREE1000", credits: 1_000, maxRedemptions: 100 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await op.platform.grantCredits(grant)).toMatchObject({ amount: 250, replayed: false });
    expect(await op.platform.grantCredits(grant)).toMatchObject({ amount: 250, replayed: true });
    // The same key for a different grant is refused, not answered as if it had been granted.
    await expect(op.platform.grantCredits({ ...grant, amount: 900 })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("ticket-4711 was already used") });
    await expect(op.platform.grantCredits({ ...grant, organizationSlug: operator.org.slug })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await balanceOf(customer.org.id)).toBe(SIGNUP_GRANT + 250);
    await expect(op.platform.grantCredits({ ...grant, organizationSlug: "no-such-org", requestKey: "ticket-4712" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(op.platform.grantCredits({ ...grant, amount: -5, requestKey: "ticket-4713" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await balanceOf(customer.org.id)).toBe(SIGNUP_GRANT + 250);
    expect((await customerKey.credits.history({ limit: 1 })).items[0]).toMatchObject({ kind: "grant", amount: 250, memo: "Support credit for the outage" });

    // Plans: operators move an organization; its keys carry the new plan from the next call.
    await expect(notOp.platform.setPlan({ organizationSlug: slug!.slug, plan: "team" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(op.platform.setPlan({ organizationSlug: slug!.slug, plan: "platinum" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("free, team, enterprise") });
    expect(await op.platform.setPlan({ organizationSlug: slug!.slug, plan: "team" })).toMatchObject({ plan: "team" });
    expect((await keyCaller(h.db, customer.org.id, ["org:read"]).then((c) => c.orgs.current())).plan).toBe("team");
  });

  it("redeems a promo code once per organization, within its limit and expiry; two organizations race for the last one", async () => {
    const operator = await makeOrg(h.db, "Promo operators");
    definePlatformOperators([operator.owner.email!]);
    const op = await userCaller(h.db, operator.owner as { id: string; email: string }, operator.org.id);
    const created = await op.platform.createPromoCode({ code: "launch-week", credits: 300, maxRedemptions: 2 });
    expect(created).toMatchObject({ code: "LAUNCH-WEEK", redemptions: 0 });
    await expect(op.platform.createPromoCode({ code: "LAUNCH-WEEK", credits: 5, maxRedemptions: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(op.platform.createPromoCode({ code: "PAST", credits: 5, maxRedemptions: 1, expiresAt: new Date(Date.now() - 1_000) })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const a = await makeOrg(h.db, "Redeemer A");
    const apiA = await keyCaller(h.db, a.org.id, scopes);
    expect(await apiA.credits.redeem({ code: " launch-week " })).toMatchObject({ code: "LAUNCH-WEEK", credits: 300, balance: SIGNUP_GRANT + 300 });
    await expect(apiA.credits.redeem({ code: "LAUNCH-WEEK" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already redeemed") });
    await expect(apiA.credits.redeem({ code: "NOPE-NOPE" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A key without credits:write cannot redeem.
    const readOnly = await keyCaller(h.db, a.org.id, ["credits:read"]);
    await expect(readOnly.credits.redeem({ code: "LAUNCH-WEEK" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // One redemption left, two organizations at once: exactly one gets it.
    const b = await makeOrg(h.db, "Redeemer B");
    const c = await makeOrg(h.db, "Redeemer C");
    const [apiB, apiC] = [await keyCaller(h.db, b.org.id, scopes), await keyCaller(h.db, c.org.id, scopes)];
    const race = await Promise.allSettled([apiB.credits.redeem({ code: "LAUNCH-WEEK" }), apiC.credits.redeem({ code: "LAUNCH-WEEK" })]);
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((race.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("used up") });
    expect((await balanceOf(b.org.id)) + (await balanceOf(c.org.id))).toBe(2 * SIGNUP_GRANT + 300);
    const [row] = await h.db.select().from(promoCodes).where(eq(promoCodes.code, "LAUNCH-WEEK"));
    expect(row!.redemptions).toBe(2);

    // An expired code gives nothing.
    await op.platform.createPromoCode({ code: "BRIEF", credits: 50, maxRedemptions: 10, expiresAt: new Date(Date.now() + 60_000) });
    await h.db.update(promoCodes).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(promoCodes.code, "BRIEF"));
    await expect(apiA.credits.redeem({ code: "brief" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("expired") });
    expect(await balanceOf(a.org.id)).toBe(SIGNUP_GRANT + 300);
    expect((await op.platform.promoCodes()).map((p) => p.code)).toEqual(expect.arrayContaining(["LAUNCH-WEEK", "BRIEF"]));
  });

  it("shows a seller every sale with its price, the fee and the net, and the period's totals", async () => {
    const seller = await makeOrg(h.db, "Seller");
    const buyer = await makeOrg(h.db, "Buyer");
    for (const [i, amount] of [100, 55].entries()) {
      await hold(h.db, { key: `sale:${seller.org.id}:${i}`, buyerOrgId: buyer.org.id, payeeOrgId: seller.org.id, amount, memo: `Task ${i} on Reviewer`, subject: `task:00000000-0000-4000-8000-00000000000${i}` });
      await settle(h.db, `sale:${seller.org.id}:${i}`);
    }
    const api = await keyCaller(h.db, seller.org.id, scopes);
    const statement = await api.credits.earnings({ limit: 1 });
    const fee = (n: number) => Math.floor((n * PLATFORM_FEE_BPS) / 10_000);
    expect(statement.items).toEqual([expect.objectContaining({ sale: "task", memo: "Task 1 on Reviewer", gross: 55, fee: fee(55), net: 55 - fee(55) })]);
    expect(statement.totals).toEqual({ sales: 2, gross: 155, fee: fee(100) + fee(55), net: 155 - fee(100) - fee(55) });
    const rest = await api.credits.earnings({ limit: 1, cursor: statement.nextCursor });
    expect(rest.items[0]).toMatchObject({ gross: 100, net: 100 - fee(100) });
    // The buyer sold nothing; a period in the future holds nothing.
    const buyerApi = await keyCaller(h.db, buyer.org.id, scopes);
    expect((await buyerApi.credits.earnings({ limit: 10 })).totals.sales).toBe(0);
    expect((await api.credits.earnings({ limit: 10, from: new Date(Date.now() + 3_600_000) })).totals).toEqual({ sales: 0, gross: 0, fee: 0, net: 0 });
  });
});
