import "server-only";
// What an organization sees of the ledger: its balance, what is held, and its wallet's history.
// Read-only: wallets open (with their starting grant) when the organization is created.
import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { creditAccounts, creditEntries, creditTransactions } from "@/db/schema";
import type { ServiceContext } from "../context";
import { escrowId, walletId } from "./ledger";

export async function creditBalance(ctx: ServiceContext) {
  const rows = await ctx.db
    .select({ id: creditAccounts.id, balance: creditAccounts.balance })
    .from(creditAccounts)
    .where(inArray(creditAccounts.id, [walletId(ctx.orgId), escrowId(ctx.orgId)]));
  const of = (id: string) => rows.find((r) => r.id === id)?.balance ?? 0;
  return { balance: of(walletId(ctx.orgId)), held: of(escrowId(ctx.orgId)) };
}

/** The wallet's entries, newest first; the cursor is the last entry's `id` and time. */
export async function creditHistory(ctx: ServiceContext, input: { limit: number; cursor?: string | null }) {
  const conds = [eq(creditEntries.accountId, walletId(ctx.orgId))];
  if (input.cursor) {
    const [at, id] = input.cursor.split("|");
    const when = new Date(at ?? "");
    if (!Number.isNaN(when.getTime()) && id) conds.push(or(lt(creditEntries.createdAt, when), and(eq(creditEntries.createdAt, when), lt(creditEntries.id, id)))!);
  }
  const rows = await ctx.db
    .select({ e: creditEntries, t: creditTransactions })
    .from(creditEntries)
    .innerJoin(creditTransactions, eq(creditTransactions.id, creditEntries.transactionId))
    .where(and(...conds))
    .orderBy(desc(creditEntries.createdAt), desc(creditEntries.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(({ e, t }) => ({
    id: e.id,
    at: e.createdAt,
    kind: t.kind,
    memo: t.memo,
    subject: t.subject,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
  }));
  const last = rows.length > input.limit ? rows[input.limit - 1]!.e : null;
  return { items, nextCursor: last ? `${last.createdAt.toISOString()}|${last.id}` : null };
}
