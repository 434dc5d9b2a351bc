import "server-only";
// What an organization sees of the ledger: its balance, what is held, and its wallet's history.
// Read-only: wallets open (with their starting grant) when the organization is created.
import { and, eq, inArray } from "drizzle-orm";
import { creditAccounts, creditEntries, creditTransactions } from "@/db/schema";
import { newestFirst, nextCursorOf } from "@/server/pagination";
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

/** The wallet's entries, newest first. */
export async function creditHistory(ctx: ServiceContext, input: { limit: number; cursor?: string | null }) {
  const page = newestFirst(creditEntries.createdAt, creditEntries.id);
  const rows = await ctx.db
    .select({ e: creditEntries, t: creditTransactions, cursor: page.cursor })
    .from(creditEntries)
    .innerJoin(creditTransactions, eq(creditTransactions.id, creditEntries.transactionId))
    .where(and(eq(creditEntries.accountId, walletId(ctx.orgId)), page.after(input.cursor)))
    .orderBy(...page.orderBy)
    .limit(input.limit + 1);
  const shown = rows.slice(0, input.limit);
  // A hold's line says how it ended: still held, paid (settled) or refunded (released).
  const holdKeys = shown.filter((r) => r.t.kind === "hold").map((r) => r.t.idempotencyKey.replace(/:hold$/, ""));
  const ends = holdKeys.length
    ? await ctx.db
        .select({ key: creditTransactions.idempotencyKey })
        .from(creditTransactions)
        .where(inArray(creditTransactions.idempotencyKey, holdKeys.flatMap((k) => [`${k}:settle`, `${k}:release`])))
    : [];
  const ended = new Set(ends.map((r) => r.key));
  const outcomeOf = (key: string) => {
    const k = key.replace(/:hold$/, "");
    return ended.has(`${k}:settle`) ? ("paid" as const) : ended.has(`${k}:release`) ? ("refunded" as const) : ("held" as const);
  };
  const items = shown.map(({ e, t }) => ({
    id: e.id,
    at: e.createdAt,
    kind: t.kind,
    memo: t.memo,
    subject: t.subject,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    holdOutcome: t.kind === "hold" ? outcomeOf(t.idempotencyKey) : null,
    fee: t.kind === "sale" ? (((t.metadata ?? {}) as { fee?: number }).fee ?? null) : null,
  }));
  return { items, nextCursor: nextCursorOf(rows, input.limit) };
}
