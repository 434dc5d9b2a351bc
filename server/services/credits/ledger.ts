import "server-only";
// The credit ledger. `post` writes one balanced transaction per idempotency key: a replay returns
// the first one and moves nothing. Accounts are locked in id order, so concurrent transfers
// never deadlock and no wallet or escrow goes below zero (a check constraint backs this up).
// Holds put a buyer's credits in its escrow while work runs; they are settled to the payee
// (minus the platform fee) when it succeeds, or released back when it fails.
import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type CreditAccountKind, creditAccounts, creditEntries, creditTransactions } from "@/db/schema";
import { AppError } from "@/server/errors";

/** Credits every organization starts with. */
export const SIGNUP_GRANT = 1_000;
/** The platform's share of a sale, in basis points. */
export const PLATFORM_FEE_BPS = 1_000;

export const walletId = (orgId: string) => `wallet:${orgId}`;
export const escrowId = (orgId: string) => `escrow:${orgId}`;
const GRANTS = "platform:grants";
/**
 * The platform's fee account, in shards: every sale locks the one it credits, and with a single
 * row every sale on the platform queued behind every other (8 buyers paying 8 publishers ran at
 * 1.12× one publisher). A sale's shard comes from its key, so a replay credits the same one;
 * what the platform earned is their sum (`feesEarned`). `platform:fees` itself holds fees from
 * before the shards.
 */
export const FEE_SHARDS = 8;
const FEES = "platform:fees";
export function feeAccountFor(key: string): string {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return `${FEES}:${Math.abs(h) % FEE_SHARDS}`;
}

/** Every fee the platform has earned: the unsharded account and its shards. */
export async function feesEarned(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${creditAccounts.balance}), 0)` })
    .from(creditAccounts)
    .where(sql`${creditAccounts.id} = ${FEES} or ${creditAccounts.id} like ${`${FEES}:%`}`);
  return Number(row?.total ?? 0);
}

export interface Leg {
  account: string;
  amount: number;
}
export interface PostInput {
  key: string;
  kind: string;
  memo: string;
  subject?: string | null;
  metadata?: Record<string, unknown>;
  createdBy?: string | null;
  legs: Leg[];
}

function accountOf(id: string): { id: string; kind: CreditAccountKind; organizationId: string | null } {
  const [prefix, rest] = [id.slice(0, id.indexOf(":")), id.slice(id.indexOf(":") + 1)];
  if (prefix === "wallet" || prefix === "escrow") return { id, kind: prefix, organizationId: rest };
  if (prefix === "platform") return { id, kind: "platform", organizationId: null };
  throw new Error(`unknown credit account ${id}`);
}

export async function post(db: DbOrTx, input: PostInput): Promise<{ transactionId: string; replayed: boolean }> {
  const legs = input.legs.filter((l) => l.amount !== 0);
  if (legs.some((l) => !Number.isSafeInteger(l.amount))) throw new Error("credit amounts are whole numbers");
  if (legs.reduce((n, l) => n + l.amount, 0) !== 0) throw new Error(`unbalanced credit transaction ${input.key}`);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(creditTransactions)
      .values({ idempotencyKey: input.key, kind: input.kind, memo: input.memo, subject: input.subject ?? null, metadata: input.metadata ?? {}, createdBy: input.createdBy ?? null })
      .onConflictDoNothing({ target: creditTransactions.idempotencyKey })
      .returning({ id: creditTransactions.id });
    if (!created) {
      const [first] = await tx.select({ id: creditTransactions.id }).from(creditTransactions).where(eq(creditTransactions.idempotencyKey, input.key));
      return { transactionId: first!.id, replayed: true };
    }
    const ids = [...new Set(legs.map((l) => l.account))].sort();
    if (!ids.length) return { transactionId: created.id, replayed: false };
    // Create any account moving for the first time before locking: DO NOTHING takes no row lock,
    // so every transaction then locks its accounts in one id order and none can deadlock.
    await tx.insert(creditAccounts).values(ids.map(accountOf)).onConflictDoNothing();
    const locked = await tx.select().from(creditAccounts).where(inArray(creditAccounts.id, ids)).orderBy(creditAccounts.id).for("update");
    const balances = new Map(locked.map((a) => [a.id, a]));
    const entries = [];
    for (const leg of legs) {
      const account = balances.get(leg.account)!;
      const after = account.balance + leg.amount;
      if (after < 0 && account.kind !== "platform") {
        throw new AppError("PAYMENT_REQUIRED", `Not enough credits: ${input.memo || input.kind} needs ${-leg.amount}, the balance is ${account.balance}`, {
          needed: -leg.amount,
          balance: account.balance,
        });
      }
      account.balance = after;
      entries.push({ transactionId: created.id, accountId: leg.account, amount: leg.amount, balanceAfter: after });
    }
    const next = sql.join(
      [...balances.values()].map((a) => sql`(${a.id}, ${a.balance}::bigint)`),
      sql`, `,
    );
    await tx.execute(sql`update ${creditAccounts} set balance = v.balance, updated_at = now() from (values ${next}) as v(id, balance) where ${creditAccounts.id} = v.id`);
    await tx.insert(creditEntries).values(entries);
    return { transactionId: created.id, replayed: false };
  });
}

/** Opens an organization's wallet with its starting credits (once: the grant's key is the organization). */
export async function openWallet(db: DbOrTx, orgId: string): Promise<void> {
  await post(db, { key: `grant:signup:${orgId}`, kind: "grant", memo: "Starting credits", legs: [{ account: GRANTS, amount: -SIGNUP_GRANT }, { account: walletId(orgId), amount: SIGNUP_GRANT }] });
}

/** Moves a price from the buyer's wallet to its escrow; `${key}:hold` is its idempotency key. */
export async function hold(db: DbOrTx, h: { key: string; buyerOrgId: string; payeeOrgId: string; amount: number; memo: string; subject: string; createdBy?: string | null }) {
  return post(db, {
    key: `${h.key}:hold`,
    kind: "hold",
    memo: h.memo,
    subject: h.subject,
    createdBy: h.createdBy,
    metadata: { buyer: h.buyerOrgId, payee: h.payeeOrgId, amount: h.amount },
    legs: [
      { account: walletId(h.buyerOrgId), amount: -h.amount },
      { account: escrowId(h.buyerOrgId), amount: h.amount },
    ],
  });
}

/** Ends a hold once: pays the payee (minus the fee) or returns the credits. No hold, nothing to do. */
async function closeHold(db: DbOrTx, key: string, outcome: "settle" | "release") {
  await db.transaction(async (tx) => {
    // The hold row, locked, and whether it already ended: one query.
    const rows = await tx
      .select()
      .from(creditTransactions)
      .where(inArray(creditTransactions.idempotencyKey, [`${key}:hold`, `${key}:settle`, `${key}:release`]))
      .for("update");
    const h = rows.find((r) => r.idempotencyKey === `${key}:hold`);
    if (!h || rows.length > 1) return;
    const { buyer, payee, amount } = h.metadata as { buyer: string; payee: string; amount: number };
    const fee = Math.floor((amount * PLATFORM_FEE_BPS) / 10_000);
    await post(tx, {
      key: `${key}:${outcome}`,
      kind: outcome === "settle" ? "sale" : "refund",
      memo: h.memo,
      subject: h.subject,
      metadata: { buyer, payee, amount, ...(outcome === "settle" ? { fee } : {}) },
      legs:
        outcome === "settle"
          ? [
              { account: escrowId(buyer), amount: -amount },
              { account: walletId(payee), amount: amount - fee },
              { account: feeAccountFor(key), amount: fee },
            ]
          : [
              { account: escrowId(buyer), amount: -amount },
              { account: walletId(buyer), amount },
            ],
    });
  });
}

export type HoldState = "none" | "held" | "settled" | "released";

/** Where a hold stands; inside a transaction its rows stay locked until the transaction ends. */
export async function holdState(db: DbOrTx, key: string): Promise<HoldState> {
  const rows = await db
    .select({ key: creditTransactions.idempotencyKey })
    .from(creditTransactions)
    .where(inArray(creditTransactions.idempotencyKey, [`${key}:hold`, `${key}:settle`, `${key}:release`]))
    .for("update");
  const has = (suffix: string) => rows.some((r) => r.key === `${key}:${suffix}`);
  return !has("hold") ? "none" : has("settle") ? "settled" : has("release") ? "released" : "held";
}

export const settle = (db: DbOrTx, key: string) => closeHold(db, key, "settle");
export const release = (db: DbOrTx, key: string) => closeHold(db, key, "release");
