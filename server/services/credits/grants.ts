import "server-only";
// Credits coming in: the plan's monthly grant, an operator's grant, and — the seam for a payment
// processor — `addCredits`, which a purchase webhook would call with the processor's event id as
// its key (a replayed webhook then moves nothing). Every grant is one balanced ledger transaction
// from `platform:grants` to the organization's wallet.
import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { creditAccounts, creditEntries, organizations } from "@/db/schema";
import { AppError } from "@/server/errors";
import { planLimits } from "../plans";
import { feesEarned, post, walletId } from "./ledger";

const GRANTS = "platform:grants";

export type CreditSource = "monthly" | "operator" | "promo" | "purchase";

export interface AddCredits {
  /** Idempotency key: the same key never grants twice. */
  key: string;
  orgId: string;
  amount: number;
  source: CreditSource;
  memo: string;
  subject?: string | null;
  createdBy?: string | null;
}

/** Moves `amount` credits into the organization's wallet, once per key. */
export async function addCredits(db: DbOrTx, g: AddCredits): Promise<{ transactionId: string; replayed: boolean }> {
  if (!Number.isSafeInteger(g.amount) || g.amount <= 0) throw new AppError("BAD_REQUEST", "amount: a grant is a whole number of credits above zero");
  return post(db, {
    key: g.key,
    kind: "grant",
    memo: g.memo,
    subject: g.subject ?? null,
    createdBy: g.createdBy ?? null,
    metadata: { source: g.source },
    legs: [
      { account: GRANTS, amount: -g.amount },
      { account: walletId(g.orgId), amount: g.amount },
    ],
  });
}

/** `2026-12` for a date (UTC): the period a monthly grant belongs to. */
export const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/** Organizations (alias o) created before `now`'s month that have not had that month's grant. */
const owedGrant = (now: Date) => sql`o.created_at < ${new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString()}
  and not exists (select 1 from credit_transactions t where t.idempotency_key = 'grant:monthly:' || o.id || ':' || ${monthOf(now)})`;

/** Whether grantMonthlyCredits would grant anything now (a read: the hourly tick asks first). */
export async function monthlyGrantsDue(db: DbOrTx, now = new Date()): Promise<boolean> {
  const plans = rowsOf<{ plan: string }>(await db.execute(sql`select distinct o.plan from ${organizations} o where ${owedGrant(now)}`));
  return plans.some((p) => planLimits(p.plan).monthlyCreditGrant > 0);
}

/**
 * Grants each organization its plan's monthly credits for the month of `now`, once: organizations
 * created this month already got their starting credits and are granted from next month on.
 * Safe to run as often as wanted (the key is the organization and the month).
 */
export async function grantMonthlyCredits(db: DbOrTx, now = new Date()): Promise<{ granted: number; credits: number }> {
  const month = monthOf(now);
  const due = rowsOf<{ id: string; plan: string }>(await db.execute(sql`select o.id, o.plan from ${organizations} o where ${owedGrant(now)} order by o.id`));
  let granted = 0;
  let credits = 0;
  for (const org of due) {
    const amount = planLimits(org.plan).monthlyCreditGrant;
    if (amount <= 0) continue;
    const r = await addCredits(db, { key: `grant:monthly:${org.id}:${month}`, orgId: org.id, amount, source: "monthly", memo: `Monthly credits for ${month} (${planLimits(org.plan).plan} plan)` });
    if (!r.replayed) {
      granted++;
      credits += amount;
    }
  }
  return { granted, credits };
}

/** The organization a slug names, or NOT_FOUND. */
export async function organizationBySlug(db: DbOrTx, slug: string) {
  const [org] = await db.select({ id: organizations.id, name: organizations.name, slug: organizations.slug, plan: organizations.plan }).from(organizations).where(eq(organizations.slug, slug));
  if (!org) throw new AppError("NOT_FOUND", `No organization has the slug ${slug}`);
  return org;
}

/**
 * An operator's grant to an organization (support credit, a manual top-up). `requestKey` makes a
 * retried request a replay; the grant is named in the organization's history with the reason.
 */
export async function operatorGrant(db: DbOrTx, input: { organizationSlug: string; amount: number; reason: string; requestKey: string; operatorUserId: string }) {
  const org = await organizationBySlug(db, input.organizationSlug);
  const r = await addCredits(db, { key: `grant:operator:${input.requestKey}`, orgId: org.id, amount: input.amount, source: "operator", memo: input.reason, createdBy: input.operatorUserId });
  if (!r.replayed) return { organization: org, amount: input.amount, replayed: false };
  // A replay answers with what the key first granted; the same key with another organization or
  // amount is a mistake, not a retry, and is refused rather than echoed back as if it had happened.
  const [first] = await db
    .select({ account: creditEntries.accountId, amount: creditEntries.amount })
    .from(creditEntries)
    .where(and(eq(creditEntries.transactionId, r.transactionId), sql`${creditEntries.accountId} like 'wallet:%'`));
  if (!first || first.account !== walletId(org.id) || first.amount !== input.amount) {
    throw new AppError("CONFLICT", `requestKey ${input.requestKey} was already used for another grant${first ? ` (${first.amount} credits)` : ""}: use a new requestKey for a new grant`);
  }
  return { organization: org, amount: first.amount, replayed: true };
}

/** The platform's own accounts: fees earned on sales, and credits granted so far (negative: owed out). */
export async function platformAccounts(db: DbOrTx) {
  const [grants] = await db.select({ balance: creditAccounts.balance }).from(creditAccounts).where(eq(creditAccounts.id, GRANTS));
  return { fees: await feesEarned(db), granted: -(grants?.balance ?? 0) };
}
