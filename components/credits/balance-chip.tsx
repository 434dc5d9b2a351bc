"use client";
// The organization's spendable credits in the app header, linking to the ledger.
import { useQuery } from "@tanstack/react-query";
import { Coins } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";
import { cn } from "@/components/ui/cn";

export function BalanceChip() {
  const trpc = useTRPC();
  const balance = useQuery(trpc.credits.balance.queryOptions({}));
  if (!balance.data) return null;
  const { balance: have, held } = balance.data;
  return (
    <Link
      href="/usage"
      data-testid="shell-balance"
      title={held ? `${held.toLocaleString()} more held for work in flight` : "Credits: see the ledger on the Usage page"}
      className={cn(
        "flex h-8 items-center gap-1.5 rounded-full border border-border px-3 text-sm font-medium tabular-nums hover:bg-muted",
        have === 0 && "border-danger/50 text-danger",
      )}
    >
      <Coins className="size-4 text-amber-500" aria-hidden />
      {have.toLocaleString()}
      <span className="sr-only sm:not-sr-only sm:font-normal sm:text-muted-fg">credits</span>
    </Link>
  );
}
