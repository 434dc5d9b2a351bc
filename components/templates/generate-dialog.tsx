"use client";
// Generate from a template: a form from its variables schema, a format, then the result.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Wand2 } from "lucide-react";
import { useState } from "react";
import { PriceNotice, useAffordable } from "@/components/credits/price-notice";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { GenerationResult } from "./generation-result";
import { sampleValues, VariablesForm, type VariablesSchemaShape } from "./variables-form";

const formats = [
  { id: "zip", label: "ZIP", hint: "a download" },
  { id: "git", label: "Git", hint: "a clone URL" },
  { id: "json", label: "Files", hint: "browse here, or JSON" },
] as const;

/** `price`: what a new generation costs this organization (another organization's paid template), 0 when free. */
export function GenerateDialog({ templateId, version, schema, price = 0 }: { templateId: string; version: string; schema: VariablesSchemaShape; price?: number }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, unknown>>(() => sampleValues(schema));
  const [format, setFormat] = useState<(typeof formats)[number]["id"]>("zip");
  const [pushUrl, setPushUrl] = useState("");
  const [pushToken, setPushToken] = useState("");
  const { affordable } = useAffordable(price);
  const generate = useMutation(
    trpc.generations.create.mutationOptions({
      // The template's generation count, the list and the balance all moved.
      onSuccess: () =>
        Promise.all([
          qc.invalidateQueries({ queryKey: trpc.generations.list.queryKey() }),
          qc.invalidateQueries({ queryKey: trpc.credits.pathKey() }),
          qc.invalidateQueries({ queryKey: trpc.templates.get.queryKey({ id: templateId }) }),
        ]),
    }),
  );
  const fields = fieldErrors(generate.error);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) generate.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button data-testid="generate-open">
          <Wand2 /> Generate
        </Button>
      </DialogTrigger>
      <DialogContent title="Generate files" description={`From version ${version}. The same values and format reuse the stored result${price ? " for free" : ""}.`} className="max-w-xl">
        {generate.data ? (
          <div className="grid gap-3">
            <GenerationResult initial={generate.data} price={price} />
            <Button variant="secondary" onClick={() => generate.reset()}>
              Generate again
            </Button>
          </div>
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              const push = format === "git" && pushUrl ? { url: pushUrl, token: pushToken || undefined } : undefined;
              generate.mutate({ templateId, version, variables: values, format, push });
            }}
          >
            <VariablesForm schema={schema} values={values} onChange={setValues} errors={fields} idPrefix="gen" />
            <fieldset className="grid gap-1.5">
              <legend className="mb-1.5 text-sm font-medium">Format</legend>
              <div className="grid grid-cols-3 gap-2">
                {formats.map((f) => (
                  <label key={f.id} className={cn("cursor-pointer rounded-md border p-2 text-sm", format === f.id ? "border-primary bg-primary/5" : "border-border hover:bg-muted")}>
                    <input type="radio" name="format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} className="sr-only" />
                    <span className="font-medium">{f.label}</span>
                    <span className="block text-xs text-muted-fg">{f.hint}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            {format === "git" ? (
              <details className="rounded-md border border-border p-3 text-sm">
                <summary className="cursor-pointer font-medium">Also push to a remote (optional)</summary>
                <div className="mt-3 grid gap-3">
                  <Input aria-label="Remote URL" placeholder="https://github.com/you/repo.git" value={pushUrl} onChange={(e) => setPushUrl(e.target.value)} />
                  <Input aria-label="Access token" type="password" autoComplete="off" placeholder="token with write access (used once, never stored)" value={pushToken} onChange={(e) => setPushToken(e.target.value)} />
                </div>
              </details>
            ) : null}
            <PriceNotice price={price} what="A new generation" free="Free if you already generated these exact values in this format; refunded if it fails." />
            {generate.error ? (
              <p role="alert" className="text-sm text-danger">
                {errorMessage(generate.error)}
              </p>
            ) : null}
            <Button type="submit" disabled={generate.isPending || !affordable} data-testid="generate-submit">
              {generate.isPending ? "Generating…" : price ? `Pay ${price.toLocaleString()} credits and generate` : "Generate"}
            </Button>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
