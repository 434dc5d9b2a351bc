"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { CopyField } from "./copy-field";

type Role = "owner" | "admin" | "member" | "viewer";

export function InviteDialog({ canInviteOwner }: { canInviteOwner: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const invite = useMutation(
    trpc.orgs.invite.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.orgs.invitations.queryKey() }) }),
  );
  const close = (o: boolean) => {
    setOpen(o);
    if (!o) {
      invite.reset();
      setEmail("");
    }
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogTrigger asChild>
        <Button data-testid="invite-open">
          <UserPlus /> Invite member
        </Button>
      </DialogTrigger>
      <DialogContent title="Invite a member" description="No email is sent: share the invitation link with them. It works once and expires in 7 days.">
        {invite.data ? (
          <div className="grid gap-3">
            <p className="text-sm">
              Invitation for <strong>{invite.data.email}</strong> as <span className="capitalize">{invite.data.role}</span>:
            </p>
            <CopyField value={invite.data.link} testId="invite-link" />
            <Button variant="secondary" onClick={() => close(false)}>
              Done
            </Button>
          </div>
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              invite.mutate({ email, role });
            }}
          >
            <Field id="invite-email" label="Email" error={fieldError(invite.error, "email")}>
              <Input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
            </Field>
            <Field id="invite-role" label="Role">
              <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                <option value="viewer">Viewer — reads everything</option>
                <option value="member">Member — runs tasks, agents, templates</option>
                <option value="admin">Admin — also members, keys, audit</option>
                {canInviteOwner ? <option value="owner">Owner — everything</option> : null}
              </Select>
            </Field>
            {invite.error && !fieldError(invite.error, "email") ? (
              <p role="alert" className="text-sm text-danger">{errorMessage(invite.error)}</p>
            ) : null}
            <Button type="submit" disabled={invite.isPending}>
              {invite.isPending ? "Creating…" : "Create invitation"}
            </Button>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
