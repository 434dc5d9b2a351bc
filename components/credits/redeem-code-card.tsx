"use client";
// Getting more credits: redeem a promo code (owners and admins). Grants and sales arrive by themselves.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Gift } from "lucide-react";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";

export function RedeemCodeCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [code, setCode] = useState("");
  const redeem = useMutation(
    trpc.credits.redeem.mutationOptions({
      onSuccess: async () => {
        setCode("");
        await qc.invalidateQueries({ queryKey: trpc.credits.pathKey() });
      },
    }),
  );
  return (
    <Card data-testid="redeem-code">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Gift className="size-4" aria-hidden /> Get more credits
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <p className="text-muted-fg">Your plan adds its monthly credits on the 1st of each month; selling agent capacity or templates earns more. Have a promo code? Owners and admins can redeem it here, once per organization.</p>
        <form
          className="flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            redeem.mutate({ code });
          }}
        >
          <Input aria-label="Promo code" value={code} onChange={(e) => (setCode(e.target.value), redeem.reset())} placeholder="LAUNCH-WEEK" className="w-48 font-mono uppercase" />
          <Button type="submit" variant="secondary" disabled={redeem.isPending || code.trim().length < 3} data-testid="redeem-submit">
            {redeem.isPending ? "Redeeming…" : "Redeem"}
          </Button>
        </form>
        {redeem.data ? (
          <p role="status" className="text-emerald-700 dark:text-emerald-400">
            {redeem.data.code} added {redeem.data.credits.toLocaleString("en")} credits: the balance is now {redeem.data.balance.toLocaleString("en")}.
          </p>
        ) : null}
        {redeem.error ? (
          <p role="alert" className="text-danger">
            {errorMessage(redeem.error)}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
