"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useId, useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { type KeyPresetId, keyPreset, keyPresets } from "@/server/schemas/key-presets";
import { type Scope, scopeDescriptions, scopes as allScopes } from "@/server/schemas/scopes";
import type { ToolProfile } from "@/server/schemas/tool-profiles";
import { CopyField } from "./copy-field";
import { ToolProfileField } from "./tool-profile-field";

const expiries = [
  { label: "Never", days: 0 },
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
];

const sameSet = (a: readonly Scope[], b: readonly Scope[]) => a.length === b.length && a.every((s) => b.includes(s));

export interface CreatedKey {
  secret: string;
  toolProfile: ToolProfile;
}

export function CreateKeyDialog({
  defaultName = "",
  defaultPreset = "agent",
  trigger,
  onCreated,
}: {
  defaultName?: string;
  defaultPreset?: KeyPresetId;
  trigger?: React.ReactNode;
  onCreated?: (key: CreatedKey) => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(defaultName);
  const [chosen, setChosen] = useState<readonly Scope[]>(keyPreset(defaultPreset).scopes);
  const [profile, setProfile] = useState<ToolProfile>(keyPreset(defaultPreset).toolProfile);
  const [days, setDays] = useState(90);
  const grantable = useQuery({ ...trpc.apiKeys.grantable.queryOptions(), enabled: open });
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (data) => {
        onCreated?.({ secret: data.secret, toolProfile: data.key.toolProfile });
        return qc.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
    }),
  );
  // Until the caller's grantable scopes are known, every scope is offered; the server checks anyway.
  const mayGrant = (s: Scope) => !grantable.data || grantable.data.scopes.includes(s);
  const granted = (list: readonly Scope[]) => list.filter(mayGrant);
  const scopes = granted(chosen);
  const activePreset = keyPresets.find((p) => sameSet(granted(p.scopes), scopes) && p.toolProfile === profile)?.id ?? null;
  const close = (o: boolean) => {
    setOpen(o);
    if (!o) create.reset();
  };
  const pick = (id: KeyPresetId) => {
    setChosen(keyPreset(id).scopes);
    setProfile(keyPreset(id).toolProfile);
  };
  const toggle = (s: Scope) => setChosen((prev) => (prev.includes(s) ? prev.filter((x) => x !== s) : [...prev, s]));
  const scopesError = fieldError(create.error, "scopes");
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button data-testid="create-key-open">
            <Plus /> Create API key
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="max-w-xl" title="Create an API key" description="A key acts for this organization within its scopes, never beyond your own role.">
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
              create.mutate({ name, scopes, toolProfile: profile, expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null });
            }}
          >
            <Field id="key-name" label="Name" error={fieldError(create.error, "name")}>
              <Input id="key-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="CI pipeline" autoFocus />
            </Field>
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">Access</legend>
              <div role="radiogroup" aria-label="Access preset" className="grid gap-2 sm:grid-cols-3">
                {keyPresets.map((p) => {
                  const left = p.scopes.length - granted(p.scopes).length;
                  const selected = activePreset === p.id;
                  return (
                    <button
                      key={p.id}
                      type="button"
                      role="radio"
                      aria-checked={selected}
                      data-testid={`preset-${p.id}`}
                      onClick={() => pick(p.id)}
                      className={cn(
                        "grid content-start gap-1 rounded-lg border p-3 text-left text-sm transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                        selected ? "border-primary bg-primary/5 ring-1 ring-primary" : "border-border hover:bg-muted",
                      )}
                    >
                      <span className="font-medium">{p.label}</span>
                      <span className="text-xs text-muted-fg">{p.description}</span>
                      <span className="text-xs text-muted-fg">
                        {granted(p.scopes).length} scopes{left ? ` (${left} beyond your role)` : ""}
                      </span>
                    </button>
                  );
                })}
              </div>
              <details className="group rounded-md border border-border" data-testid="scope-details">
                <summary className="cursor-pointer select-none px-3 py-2 text-sm">
                  Scopes: {scopes.length} selected{activePreset ? "" : " (custom)"}
                </summary>
                <ul className="grid max-h-64 gap-1 overflow-y-auto border-t border-border p-2" data-testid="scope-list">
                  {allScopes.map((s) => {
                    const allowed = mayGrant(s);
                    return (
                      <li key={s} className={cn("flex items-start gap-2 rounded px-1.5 py-1", allowed ? "hover:bg-muted" : "opacity-60")}>
                        <input
                          id={`${uid}-${s}`}
                          type="checkbox"
                          className="mt-0.5"
                          checked={allowed && chosen.includes(s)}
                          disabled={!allowed}
                          onChange={() => toggle(s)}
                          aria-describedby={`${uid}-${s}-about`}
                        />
                        <span className="grid min-w-0">
                          <label htmlFor={`${uid}-${s}`} className="font-mono text-xs">
                            {s}
                          </label>
                          <span id={`${uid}-${s}-about`} className="text-xs text-muted-fg">
                            {scopeDescriptions[s]}
                            {allowed ? "" : ` Your role (${grantable.data?.role}) cannot grant it.`}
                          </span>
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </details>
              {scopesError ? <p role="alert" className="text-xs text-danger">{scopesError}</p> : null}
            </fieldset>
            <div className="grid items-start gap-4 sm:grid-cols-2">
              <ToolProfileField id="key-profile" value={profile} onChange={setProfile} />
              <Field id="key-expiry" label="Expires">
                <Select id="key-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))}>
                  {expiries.map((x) => (
                    <option key={x.days} value={x.days}>
                      {x.label}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            {create.error && !fieldError(create.error, "name") && !scopesError ? (
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
