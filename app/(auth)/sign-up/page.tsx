import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { auth } from "@/server/auth";
import { invitationTokenOf, safeNextPath } from "@/server/auth/next-path";
import { getDb } from "@/server/db";
import { describeInvitation } from "@/server/services/orgs/invitations";

export const metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  if ((await auth())?.user) redirect(next);
  // Signing up to accept an invitation: the invited address is filled in.
  const token = invitationTokenOf(next);
  const invited = token ? await describeInvitation(await getDb(), token).catch(() => null) : null;
  return (
    <AuthCard
      title="Create your account"
      subtitle={invited ? `Then join ${invited.organizationName} as ${invited.role}.` : "You get your own organization; invite your team next."}
      footer={
        <>
          Already have an account?{" "}
          <Link className="text-primary hover:underline" href={`/sign-in?next=${encodeURIComponent(next)}`}>
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm next={next} invitedEmail={invited?.email} />
    </AuthCard>
  );
}
