"use client";
// What a paid action costs before anything is charged: the price, the balance before and after,
// or — when the balance is short — that it cannot be paid and how to get more credits.
import { useQuery } from "@tanstack/react-query";
import { Coins } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { cn } from "@/components/ui/cn";
import { moreCreditsHint } from "./more-credits";

/** The organization's spendable balance, and whether `price` fits in it (unknown while loading). */
export function useAffordable(price: number) {
  const trpc = useTRPC();
  const balance = useQuery({ ...trpc.credits.balance.queryOptions({}), enabled: price > 0 });
  const have = balance.data?.balance;
  return { balance: have, affordable: price <= 0 || have === undefined || have >= price };
}

/** `what`: the action, as in "Generating costs". `free`: when the action may turn out free (a reused result). */
export function PriceNotice({ price, what, free, className }: { price: number; what: string; free?: string; className?: string }) {
  const { balance, affordable } = useAffordable(price);
  if (price <= 0) return null;
  return (
    <div
      role={affordable ? "status" : "alert"}
      data-testid="price-notice"
      className={cn(
        "flex gap-2 rounded-md border p-3 text-sm",
        affordable ? "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40" : "border-danger/40 bg-red-50 text-danger dark:bg-red-950/40",
        className,
      )}
    >
      <Coins className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="grid gap-0.5">
        <p className="font-medium">
          {what} costs {price.toLocaleString()} credits.
        </p>
        {balance === undefined ? (
          <p className="text-muted-fg">Reading your balance…</p>
        ) : affordable ? (
          <p data-testid="price-balance">
            Your balance: {balance.toLocaleString()} → <span className="font-medium tabular-nums">{(balance - price).toLocaleString()}</span> after.
          </p>
        ) : (
          <p data-testid="price-balance">
            Your balance is {balance.toLocaleString()}: {(price - balance).toLocaleString()} short. {moreCreditsHint}
          </p>
        )}
        {free ? <p className="text-xs text-muted-fg">{free}</p> : null}
      </div>
    </div>
  );
}
