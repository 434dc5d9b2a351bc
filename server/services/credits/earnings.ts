import "server-only";
// A seller's statement: every sale that paid this organization (a task run on its agent, a
// generation or fork of its template) with the price, the platform's fee and the net, newest first,
// and the totals of the period. Nothing of the buyer is shown but what was bought.
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { creditEntries, creditTransactions } from "@/db/schema";
import { newestFirst, nextCursorOf } from "@/server/pagination";
import type { ServiceContext } from "../context";
import { walletId } from "./ledger";

export interface EarningsInput {
  from?: Date | null;
  to?: Date | null;
  limit: number;
  cursor?: string | null;
}

/** What a sale was for, from its subject: `task:<id>` → task; `template:`/`generation:` → template. */
function saleOf(subject: string | null): "task" | "template" {
  return subject?.startsWith("task:") ? "task" : "template";
}

export async function creditEarnings(ctx: ServiceContext, input: EarningsInput) {
  const wallet = walletId(ctx.orgId);
  const period = and(
    eq(creditEntries.accountId, wallet),
    eq(creditTransactions.kind, "sale"),
    input.from ? gte(creditEntries.createdAt, input.from) : undefined,
    input.to ? lt(creditEntries.createdAt, input.to) : undefined,
  );
  const page = newestFirst(creditEntries.createdAt, creditEntries.id);
  const [rows, [totals]] = await Promise.all([
    ctx.db
      .select({ e: creditEntries, t: creditTransactions, cursor: page.cursor })
      .from(creditEntries)
      .innerJoin(creditTransactions, eq(creditTransactions.id, creditEntries.transactionId))
      .where(and(period, page.after(input.cursor)))
      .orderBy(...page.orderBy)
      .limit(input.limit + 1),
    ctx.db
      .select({
        sales: sql<number>`count(*)::int`,
        gross: sql<string>`coalesce(sum((${creditTransactions.metadata}->>'amount')::bigint), 0)`,
        fee: sql<string>`coalesce(sum((${creditTransactions.metadata}->>'fee')::bigint), 0)`,
        net: sql<string>`coalesce(sum(${creditEntries.amount}), 0)`,
      })
      .from(creditEntries)
      .innerJoin(creditTransactions, eq(creditTransactions.id, creditEntries.transactionId))
      .where(period),
  ]);
  const items = rows.slice(0, input.limit).map(({ e, t }) => {
    const meta = t.metadata as { amount?: number; fee?: number };
    return { id: e.id, at: e.createdAt, sale: saleOf(t.subject), memo: t.memo, subject: t.subject, gross: Number(meta.amount ?? e.amount), fee: Number(meta.fee ?? 0), net: e.amount };
  });
  return {
    items,
    nextCursor: nextCursorOf(rows, input.limit),
    totals: { sales: Number(totals?.sales ?? 0), gross: Number(totals?.gross ?? 0), fee: Number(totals?.fee ?? 0), net: Number(totals?.net ?? 0) },
  };
}
