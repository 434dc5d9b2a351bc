"use client";
// The organization's credits: spendable balance, what is held for paid work in flight, and the
// wallet's movements (grants, holds, sales, refunds).
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Coins } from "lucide-react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { FormError } from "@/components/ui/form-error";
import { LoadMore } from "@/components/ui/load-more";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";

const kinds: Record<string, { label: string; tone: "neutral" | "info" | "success" | "warning" }> = {
  grant: { label: "grant", tone: "info" },
  hold: { label: "held", tone: "warning" },
  sale: { label: "earned", tone: "success" },
  refund: { label: "refund", tone: "neutral" },
};

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
                {items.map((e) => (
                  <tr key={e.id}>
                    <Td>
                      <span className="flex items-center gap-2">
                        <Badge tone={kinds[e.kind]?.tone ?? "neutral"}>{kinds[e.kind]?.label ?? e.kind}</Badge>
                        <span className="min-w-40">{e.memo}</span>
                      </span>
                    </Td>
                    <Td className={cn("text-right font-medium tabular-nums", e.amount > 0 ? "text-emerald-600" : "text-fg")}>
                      {e.amount > 0 ? "+" : "−"}
                      {Math.abs(e.amount).toLocaleString()}
                    </Td>
                    <Td className="text-right tabular-nums text-muted-fg">{e.balanceAfter.toLocaleString()}</Td>
                    <Td className="whitespace-nowrap text-xs">{e.at.toLocaleString()}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <LoadMore query={history} />
          </>
        )}
      </CardContent>
    </Card>
  );
}
