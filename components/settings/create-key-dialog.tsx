"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { scopes as allScopes, type Scope } from "@/server/schemas/scopes";
import { CopyField } from "./copy-field";

const defaultScopes: Scope[] = ["org:read", "tasks:read", "tasks:write", "agents:read", "agents:write", "templates:read", "generations:read", "generations:write"];
const expiries = [
  { label: "Never", days: 0 },
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
];

export function CreateKeyDialog({ defaultName = "", trigger, onCreated }: { defaultName?: string; trigger?: React.ReactNode; onCreated?: (secret: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(defaultName);
  const [scopes, setScopes] = useState<Set<Scope>>(new Set(defaultScopes));
  const [days, setDays] = useState(90);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (data) => {
        onCreated?.(data.secret);
        return qc.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
    }),
  );
  const close = (o: boolean) => {
    setOpen(o);
    if (!o) create.reset();
  };
  const toggle = (s: Scope) => setScopes((prev) => {
    const next = new Set(prev);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    return next;
  });
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button data-testid="create-key-open">
            <Plus /> Create API key
          </Button>
        )}
      </DialogTrigger>
      <DialogContent title="Create an API key" description="A key acts for this organization within its scopes, never beyond your own role.">
        {create.data ? (
          <div className="grid gap-3">
            <p className="text-sm">
              Copy the secret of <strong>{create.data.key.name}</strong> now. It is shown only once; we keep only its hash.
            </p>
            <CopyField value={create.data.secret} testId="new-key-secret" />
            <Button variant="secondary" onClick={() => close(false)}>
              I have copied it
            </Button>
          </div>
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({
                name,
                scopes: [...scopes],
                expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
              });
            }}
          >
            <Field id="key-name" label="Name" error={fieldError(create.error, "name")}>
              <Input id="key-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="CI pipeline" autoFocus />
            </Field>
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">Scopes</legend>
              <div className="grid max-h-52 grid-cols-2 gap-x-4 gap-y-1.5 overflow-y-auto rounded-md border border-border p-3">
                {allScopes.map((s) => (
                  <label key={s} className="flex items-center gap-2 font-mono text-xs">
                    <input type="checkbox" checked={scopes.has(s)} onChange={() => toggle(s)} />
                    {s}
                  </label>
                ))}
              </div>
              {fieldError(create.error, "scopes") ? <p role="alert" className="text-xs text-danger">{fieldError(create.error, "scopes")}</p> : null}
            </fieldset>
            <Field id="key-expiry" label="Expires">
              <Select id="key-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))}>
                {expiries.map((x) => (
                  <option key={x.days} value={x.days}>
                    {x.label}
                  </option>
                ))}
              </Select>
            </Field>
            {create.error && !fieldError(create.error, "name") ? (
              <p role="alert" className="text-sm text-danger" data-testid="create-key-error">{errorMessage(create.error)}</p>
            ) : null}
            <Button type="submit" disabled={create.isPending} data-testid="create-key-submit">
              {create.isPending ? "Creating…" : "Create key"}
            </Button>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
