// The consent page of an MCP client's sign-in: the person (signed in, else sent to sign in and
// back here) sees which app asks and where it sends them back, picks the organization and the
// permissions, and approves or denies. The answer is posted to /api/oauth/consent/[uid].
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { ConsentForm } from "@/components/oauth/consent-form";
import { auth } from "@/server/auth";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { oauthServer } from "@/server/oauth";
import { describeConsent } from "@/server/services/oauth/consent";
import { listMyOrganizations } from "@/server/services/orgs/organizations";
import { roleCan } from "@/server/services/permissions";

export const metadata = { title: "Connect an app" };
export const dynamic = "force-dynamic";

export default async function ConsentPage({ params, searchParams }: { params: Promise<{ uid: string }>; searchParams: Promise<{ error?: string }> }) {
  const { uid } = await params;
  const session = await auth();
  if (!session?.user?.id) redirect(`/sign-in?next=${encodeURIComponent(`/oauth/consent/${uid}`)}`);
  let request;
  try {
    request = await describeConsent(await oauthServer(), uid);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return (
      <AuthCard title="This request has ended" subtitle={err.message} footer={null}>
        <p className="text-sm text-muted-fg">Go back to the app and connect again.</p>
      </AuthCard>
    );
  }
  const orgs = await listMyOrganizations(await getDb(), session.user.id);
  return (
    <AuthCard
      title={`Connect ${request.clientName}`}
      subtitle={`${request.clientName} wants to act for you through MCP. It will return you to ${request.redirectHost}.`}
      footer={<>Signed in as {session.user.email}. You can disconnect it any time in Settings → Connected apps.</>}
    >
      <ConsentForm
        action={`/api/oauth/consent/${encodeURIComponent(uid)}`}
        error={(await searchParams).error ?? null}
        clientId={request.clientId}
        scopes={request.scopes}
        toolProfile={request.toolProfile}
        orgs={orgs.map((o) => ({ id: o.id, name: o.name, role: o.role, allowed: request.scopes.filter((s) => roleCan(o.role, s)) }))}
      />
    </AuthCard>
  );
}
