"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { LoadingRows } from "@/components/ui/skeleton";
import { InviteDialog } from "./invite-dialog";
import { PendingInvitation } from "./pending-invitation";

type Role = "owner" | "admin" | "member" | "viewer";

export function MembersCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const org = useQuery(trpc.orgs.current.queryOptions());
  const myRole = org.data?.role;
  const canManage = myRole === "owner" || myRole === "admin";
  const members = useQuery(trpc.orgs.members.queryOptions());
  const invitations = useQuery({ ...trpc.orgs.invitations.queryOptions(), enabled: Boolean(myRole) });
  const [error, setError] = useState<string | null>(null);
  const onError = (e: unknown) => setError(errorMessage(e));
  const refresh = () => {
    setError(null);
    return qc.invalidateQueries({ queryKey: trpc.orgs.pathKey() });
  };
  const changeRole = useMutation(trpc.orgs.changeRole.mutationOptions({ onSuccess: refresh, onError }));
  const remove = useMutation(trpc.orgs.removeMember.mutationOptions({ onSuccess: refresh, onError }));
  const leave = useMutation(trpc.orgs.leave.mutationOptions({ onSuccess: () => window.location.assign("/tasks"), onError }));

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div>
          <CardTitle>Members</CardTitle>
          <CardDescription>Owners and admins manage members. Viewers read; members also run work.</CardDescription>
        </div>
        {canManage ? <InviteDialog canInviteOwner={myRole === "owner"} /> : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        <FormError message={error} />
        {members.isLoading ? (
          <LoadingRows label="Loading members" />
        ) : members.error ? (
          <p role="alert" className="text-sm text-danger">{errorMessage(members.error)}</p>
        ) : (
          <ul className="divide-y divide-border rounded-lg border border-border" data-testid="members">
            {members.data?.map((m) => (
              <li key={m.userId} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">{m.name ?? m.email}</p>
                  <p className="truncate text-xs text-muted-fg">{m.email}</p>
                </div>
                {canManage ? (
                  <Select
                    aria-label={`Role of ${m.email}`}
                    className="w-32"
                    value={m.role}
                    onChange={(e) => changeRole.mutate({ userId: m.userId, role: e.target.value as Role })}
                  >
                    {(["viewer", "member", "admin", "owner"] as const).map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Badge className="capitalize">{m.role}</Badge>
                )}
                {canManage ? (
                  <Button variant="ghost" size="sm" onClick={() => remove.mutate({ userId: m.userId })} aria-label={`Remove ${m.email}`}>
                    Remove
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {invitations.data && invitations.data.length > 0 ? (
          <div>
            <h3 className="mb-2 text-sm font-medium">Pending invitations</h3>
            <ul className="divide-y divide-border rounded-lg border border-border" data-testid="invitations">
              {invitations.data.map((i) => (
                <PendingInvitation key={i.id} invitation={i} canManage={canManage} />
              ))}
            </ul>
          </div>
        ) : null}
        <div className="flex justify-end">
          <Button variant="secondary" size="sm" onClick={() => leave.mutate()} disabled={leave.isPending}>
            Leave organization
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
