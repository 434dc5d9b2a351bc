"use client";
import { useMutation } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

export function AcceptInvitation({ token, signedInAs, invitedEmail }: { token: string; signedInAs: string; invitedEmail: string }) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.orgs.acceptInvitation.mutationOptions({ onSuccess: () => window.location.assign("/settings") }));
  const mismatch = signedInAs.toLowerCase() !== invitedEmail.toLowerCase();
  return (
    <div className="grid gap-3">
      <p className="text-sm text-muted-fg">
        Signed in as <strong className="text-fg">{signedInAs}</strong>.
      </p>
      {mismatch ? (
        <p role="alert" className="text-sm text-danger">
          This invitation is for {invitedEmail}. Sign out and sign in with that address to accept it.
        </p>
      ) : null}
      {accept.error ? <p role="alert" className="text-sm text-danger">{errorMessage(accept.error)}</p> : null}
      <Button onClick={() => accept.mutate({ token })} disabled={accept.isPending || mismatch} data-testid="accept-invitation">
        {accept.isPending ? "Joining…" : "Accept invitation"}
      </Button>
    </div>
  );
}
