import Link from "next/link";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { auth } from "@/server/auth";
import { serverCaller } from "@/server/trpc/server";

export const metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = await serverCaller();
  const invitation = await caller.orgs.describeInvitation({ token }).catch(() => null);
  if (!invitation) {
    return (
      <AuthCard title="Invitation not valid" subtitle="This invitation is invalid, was already used or has expired." footer={<Link href="/">Home</Link>}>
        <p className="text-sm text-muted-fg">Ask whoever invited you for a new link.</p>
      </AuthCard>
    );
  }
  const session = await auth();
  const next = encodeURIComponent(`/invite/${token}`);
  return (
    <AuthCard
      title={`Join ${invitation.organizationName}`}
      subtitle={`You are invited as ${invitation.role} (${invitation.email}).`}
      footer={<>Expires {invitation.expiresAt.toLocaleDateString()}</>}
    >
      {session?.user ? (
        <AcceptInvitation token={token} signedInAs={session.user.email ?? ""} invitedEmail={invitation.email} />
      ) : (
        <div className="grid gap-2">
          <Button asChild>
            <Link href={`/sign-up?next=${next}`}>Create an account to accept</Link>
          </Button>
          <Button variant="secondary" asChild>
            <Link href={`/sign-in?next=${next}`}>I have an account</Link>
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
