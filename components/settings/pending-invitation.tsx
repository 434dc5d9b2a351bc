"use client";
// A pending invitation's row. Its link is stored only as a hash, so "Copy a new link" replaces it:
// the old link stops working and the new one (same email and role, a fresh 7 days) is shown to copy.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link2 } from "lucide-react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { CopyField } from "./copy-field";

type Role = "owner" | "admin" | "member" | "viewer";

export function PendingInvitation({ invitation: i, canManage }: { invitation: { id: string; email: string; role: Role; expiresAt: Date }; canManage: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.orgs.invitations.queryKey() });
  const invite = useMutation(trpc.orgs.invite.mutationOptions());
  const revoke = useMutation(trpc.orgs.revokeInvitation.mutationOptions({ onSuccess: refresh }));
  // The list is read again on Done: until then this row keeps showing the new link.
  const revokeOld = useMutation(trpc.orgs.revokeInvitation.mutationOptions());
  const renew = useMutation({
    mutationFn: async () => {
      const next = await invite.mutateAsync({ email: i.email, role: i.role });
      await revokeOld.mutateAsync({ id: i.id });
      return next;
    },
  });
  const error = renew.error ?? revoke.error;
  return (
    <li className="grid gap-2 px-4 py-3 text-sm" data-testid={`invitation-${i.email}`}>
      <div className="flex flex-wrap items-center gap-3">
        <span className="min-w-0 flex-1 truncate">{i.email}</span>
        <Badge tone="info" className="capitalize">
          {i.role}
        </Badge>
        <span className="text-xs text-muted-fg">
          expires <RelativeTime at={i.expiresAt} />
        </span>
        {canManage ? (
          <>
            <Button variant="secondary" size="sm" onClick={() => renew.mutate()} disabled={renew.isPending || Boolean(renew.data)} data-testid="invitation-renew">
              <Link2 /> {renew.isPending ? "Creating…" : "Copy a new link"}
            </Button>
            <Button variant="ghost" size="sm" onClick={() => revoke.mutate({ id: i.id })} disabled={revoke.isPending}>
              Revoke
            </Button>
          </>
        ) : null}
      </div>
      {renew.data ? (
        <div className="grid gap-1">
          <p className="text-xs text-muted-fg">Send this link to {i.email}: the earlier link no longer works.</p>
          <CopyField value={renew.data.link} testId="invitation-link" />
          <Button variant="ghost" size="sm" className="justify-self-end" onClick={refresh}>
            Done
          </Button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-xs text-danger">
          {errorMessage(error)}
        </p>
      ) : null}
    </li>
  );
}
