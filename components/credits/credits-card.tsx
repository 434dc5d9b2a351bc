"use client";
// The organization's credits: spendable balance, what is held for paid work in flight, and the
// wallet's movements, each named: grant, held (still in flight), paid, refunded, earned (after the fee).
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Coins } from "lucide-react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { FormError } from "@/components/ui/form-error";
import { LoadMore } from "@/components/ui/load-more";
import { RelativeTime } from "@/components/ui/relative-time";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";

type Tone = "neutral" | "info" | "success" | "warning";
type Line = { kind: string; holdOutcome: "held" | "paid" | "refunded" | null; fee: number | null; amount: number };

/** What a wallet line is, in words: a hold reads as how it ended. */
export function lineLabel(e: Line): { label: string; tone: Tone; note?: string } {
  if (e.kind === "hold") {
    if (e.holdOutcome === "paid") return { label: "paid", tone: "neutral", note: "paid to the seller" };
    if (e.holdOutcome === "refunded") return { label: "held, refunded", tone: "neutral", note: "returned: see the refund line" };
    return { label: "held", tone: "warning", note: "held for work in flight" };
  }
  if (e.kind === "sale") return { label: "earned", tone: "success", note: e.fee ? `after a ${e.fee.toLocaleString()} credit platform fee` : undefined };
  if (e.kind === "refund") return { label: "refunded", tone: "info" };
  if (e.kind === "grant") return { label: "grant", tone: "info" };
  return { label: e.kind, tone: "neutral" };
}

export function CreditsCard() {
  const trpc = useTRPC();
  const balance = useQuery(trpc.credits.balance.queryOptions({}));
  const history = useInfiniteQuery(trpc.credits.history.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (p) => p.nextCursor }));
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card data-testid="credits">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Coins className="size-4" aria-hidden /> Credits
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {balance.error ? (
          <FormError message={errorMessage(balance.error)} />
        ) : (
          <div className="flex flex-wrap gap-8">
            <div>
              <div className="text-xs text-muted-fg">Balance</div>
              <div className="text-2xl font-semibold tabular-nums" data-testid="credits-balance">
                {balance.data ? balance.data.balance.toLocaleString() : "…"}
              </div>
            </div>
            <div>
              <div className="text-xs text-muted-fg">Held for work in flight</div>
              <div className="text-2xl font-semibold tabular-nums text-muted-fg">{balance.data ? balance.data.held.toLocaleString() : "…"}</div>
            </div>
            <p className="max-w-md self-center text-xs text-muted-fg">
              Generating from another organization&apos;s paid public template holds its price, pays the publisher (less a 10% platform fee) when the files are stored, and
              refunds it if the generation fails. Your own templates, and results you already paid for, are free.
            </p>
          </div>
        )}
        {history.isLoading ? (
          <LoadingRows label="Loading credit history" rows={3} />
        ) : history.error ? (
          <FormError message={errorMessage(history.error)} />
        ) : items.length === 0 ? (
          <p className="text-sm text-muted-fg">No movements yet.</p>
        ) : (
          <>
            <Table data-testid="credit-history">
              <thead>
                <tr>
                  <Th>What</Th>
                  <Th className="text-right">Amount</Th>
                  <Th className="text-right">Balance</Th>
                  <Th>When</Th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => {
                  const line = lineLabel(e);
                  return (
                  <tr key={e.id} data-testid="credit-line">
                    <Td>
                      <span className="flex items-center gap-2">
                        <Badge tone={line.tone} className="shrink-0">{line.label}</Badge>
                        <span className="min-w-40">
                          {e.memo}
                          {line.note ? <span className="block text-xs text-muted-fg">{line.note}</span> : null}
                        </span>
                      </span>
                    </Td>
                    <Td className={cn("text-right font-medium tabular-nums", e.amount > 0 ? "text-emerald-600" : "text-fg")}>
                      {e.amount > 0 ? "+" : "−"}
                      {Math.abs(e.amount).toLocaleString()}
                    </Td>
                    <Td className="text-right tabular-nums text-muted-fg">{e.balanceAfter.toLocaleString()}</Td>
                    <Td className="whitespace-nowrap text-xs">
                      <RelativeTime at={e.at} />
                    </Td>
                  </tr>
                  );
                })}
              </tbody>
            </Table>
            <LoadMore query={history} />
          </>
        )}
      </CardContent>
    </Card>
  );
}
