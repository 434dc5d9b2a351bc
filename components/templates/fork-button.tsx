"use client";
// Fork a template: free forks are one click; another organization's paid template asks first,
// with its price and the balance after, because forking buys a copy of its sources.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { GitFork } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PriceNotice, useAffordable } from "@/components/credits/price-notice";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";

export function ForkButton({ templateId, name, price }: { templateId: string; name: string; price: number }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { affordable } = useAffordable(price);
  const fork = useMutation(
    trpc.templates.fork.mutationOptions({
      onSuccess: async (f) => {
        await Promise.all([qc.invalidateQueries({ queryKey: trpc.templates.pathKey() }), qc.invalidateQueries({ queryKey: trpc.credits.pathKey() })]);
        setOpen(false);
        router.push(`/templates/${f.id}`);
      },
    }),
  );
  const label = fork.isPending ? "Forking…" : "Fork";
  if (!price) {
    return (
      <>
        <Button variant="secondary" onClick={() => fork.mutate({ templateId })} disabled={fork.isPending} data-testid="fork-template">
          <GitFork /> {label}
        </Button>
        {fork.error ? <FormError message={errorMessage(fork.error)} /> : null}
      </>
    );
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) fork.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" data-testid="fork-template">
          <GitFork /> Fork · {price.toLocaleString()} credits
        </Button>
      </DialogTrigger>
      <DialogContent title={`Buy a copy of ${name}?`} description="Forking a paid template buys its sources: the copy is yours to edit and generate from for free.">
        <PriceNotice price={price} what="Forking" />
        <FormError message={errorMessage(fork.error)} testId="fork-error" />
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button onClick={() => fork.mutate({ templateId })} disabled={fork.isPending || !affordable} data-testid="fork-confirm">
            <GitFork /> {fork.isPending ? "Forking…" : `Pay ${price.toLocaleString()} credits and fork`}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
