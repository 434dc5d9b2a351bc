// Capacity: a double-entry credit ledger. Every transaction is a set of entries summing to zero,
// posted once per idempotency key; wallets and escrows never go below zero.
import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./orgs";

/** wallet: an organization's spendable credits; escrow: its credits held for work in flight; platform: grants and fees. */
export type CreditAccountKind = "wallet" | "escrow" | "platform";

export const creditAccounts = pgTable(
  "credit_accounts",
  {
    /** `wallet:<org id>`, `escrow:<org id>`, `platform:grants`, `platform:fees` and its shards `platform:fees:<0-7>`. */
    id: text("id").primaryKey(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    kind: text("kind").$type<CreditAccountKind>().notNull(),
    balance: bigint("balance", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("credit_accounts_not_negative", sql`${t.kind} = 'platform' or ${t.balance} >= 0`), index("credit_accounts_org_idx").on(t.organizationId)],
);
export type CreditAccount = typeof creditAccounts.$inferSelect;

export const creditTransactions = pgTable("credit_transactions", {
  id: uuid("id").primaryKey().defaultRandom(),
  idempotencyKey: text("idempotency_key").notNull().unique(),
  kind: text("kind").notNull(),
  memo: text("memo").notNull().default(""),
  /** What it pays for, e.g. `generation:<id>`. */
  subject: text("subject"),
  metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type CreditTransaction = typeof creditTransactions.$inferSelect;

export const creditEntries = pgTable(
  "credit_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    transactionId: uuid("transaction_id")
      .notNull()
      .references(() => creditTransactions.id, { onDelete: "cascade" }),
    accountId: text("account_id")
      .notNull()
      .references(() => creditAccounts.id, { onDelete: "cascade" }),
    amount: bigint("amount", { mode: "number" }).notNull(),
    /** The account's balance right after this entry. */
    balanceAfter: bigint("balance_after", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("credit_entries_account_idx").on(t.accountId, t.createdAt), index("credit_entries_tx_idx").on(t.transactionId), check("credit_entries_nonzero", sql`${t.amount} <> 0`)],
);

/**
 * Promo codes, made by the platform's operators: each gives `credits` once per organization, to at
 * most `maxRedemptions` organizations, until `expiresAt`. Codes are stored upper-case.
 */
export const promoCodes = pgTable(
  "promo_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    credits: bigint("credits", { mode: "number" }).notNull(),
    maxRedemptions: bigint("max_redemptions", { mode: "number" }).notNull(),
    redemptions: bigint("redemptions", { mode: "number" }).notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("promo_codes_credits_positive", sql`${t.credits} > 0`), check("promo_codes_within_limit", sql`${t.redemptions} <= ${t.maxRedemptions}`)],
);
export type PromoCode = typeof promoCodes.$inferSelect;

/** One row per organization that redeemed a code: the primary key makes it once per organization. */
export const promoRedemptions = pgTable(
  "promo_redemptions",
  {
    promoCodeId: uuid("promo_code_id")
      .notNull()
      .references(() => promoCodes.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    redeemedBy: uuid("redeemed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.promoCodeId, t.organizationId] })],
);
