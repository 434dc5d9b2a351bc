"use client";
import { useMutation } from "@tanstack/react-query";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Dropdown, DropdownContent, DropdownItem, DropdownLabel, DropdownSeparator, DropdownTrigger } from "@/components/ui/dropdown";
import { Field, Input } from "@/components/ui/input";

export interface OrgSummary {
  id: string;
  name: string;
  role: string;
}

export function OrgSwitcher({ orgs, activeId }: { orgs: OrgSummary[]; activeId: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const refresh = () => {
    router.refresh();
    window.location.assign("/tasks");
  };
  const switchOrg = useMutation(trpc.orgs.switch.mutationOptions({ onSuccess: refresh }));
  const create = useMutation(trpc.orgs.create.mutationOptions({ onSuccess: refresh }));
  const active = orgs.find((o) => o.id === activeId);
  return (
    <>
      <Dropdown>
        <DropdownTrigger asChild>
          <button
            className="flex w-full items-center justify-between gap-2 rounded-lg border border-border bg-card px-3 py-2 text-left text-sm hover:bg-muted"
            data-testid="org-switcher"
          >
            <span className="min-w-0">
              <span className="block truncate font-medium">{active?.name ?? "No organization"}</span>
              <span className="block text-xs capitalize text-muted-fg">{active?.role}</span>
            </span>
            <ChevronsUpDown className="size-4 shrink-0 text-muted-fg" aria-hidden />
          </button>
        </DropdownTrigger>
        <DropdownContent>
          <DropdownLabel>Organizations</DropdownLabel>
          {orgs.map((o) => (
            <DropdownItem key={o.id} onSelect={() => o.id !== activeId && switchOrg.mutate({ orgId: o.id })}>
              <Check className={o.id === activeId ? "size-4" : "size-4 opacity-0"} aria-hidden />
              <span className="truncate">{o.name}</span>
              <span className="ml-auto text-xs capitalize text-muted-fg">{o.role}</span>
            </DropdownItem>
          ))}
          <DropdownSeparator />
          <DropdownItem onSelect={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden /> New organization
          </DropdownItem>
        </DropdownContent>
      </Dropdown>
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent title="New organization" description="You will be its owner. Switch between organizations from this menu.">
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ name });
            }}
          >
            <Field id="new-org-name" label="Name" error={create.error ? errorMessage(create.error) : null}>
              <Input id="new-org-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            </Field>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create organization"}
            </Button>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
