"use client";
// Who sees a template, and what other organizations pay to use it once it is public.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Globe } from "lucide-react";
import { useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { Field } from "@/components/ui/input";
import { type Sharing, SharingSelect } from "@/components/ui/sharing-select";
import { PriceField } from "./price-field";

export function SharingDialog({ template }: { template: { id: string; name: string; visibility: Sharing; priceCredits: number } }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [visibility, setVisibility] = useState(template.visibility);
  const [price, setPrice] = useState(String(template.priceCredits));
  const update = useMutation(
    trpc.templates.update.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.templates.pathKey() });
        setOpen(false);
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setVisibility(template.visibility);
          setPrice(String(template.priceCredits));
          update.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" data-testid="template-sharing">
          <Globe /> Sharing
        </Button>
      </DialogTrigger>
      <DialogContent title={`Share ${template.name}`} description="Public templates are listed in the marketplace for every organization; forks keep a link back to yours.">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ templateId: template.id, visibility, priceCredits: visibility === "public" ? Number(price) : 0 });
          }}
        >
          <Field id="tpl-visibility" label="Visibility">
            <SharingSelect id="tpl-visibility" value={visibility} onChange={setVisibility} />
          </Field>
          {visibility === "public" ? <PriceField value={price} onChange={setPrice} error={fieldError(update.error, "priceCredits")} /> : null}
          <FormError message={update.error && !fieldError(update.error, "priceCredits") ? errorMessage(update.error) : null} />
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save"}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
