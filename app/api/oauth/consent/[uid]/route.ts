// The consent form's answer: the signed-in person approves (organization, permissions, MCP tools) or denies;
// the browser then goes on to the provider's resume URL, which redirects to the client.
import { auth } from "@/server/auth";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { foreignOrigin } from "@/server/http/origin";
import { oauthServer } from "@/server/oauth";
import { decideConsent } from "@/server/services/oauth/consent";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  const oauth = await oauthServer();
  const page = `${oauth.issuer}/oauth/consent/${encodeURIComponent(uid)}`;
  // A cross-site form post is never an answer (the session cookie is SameSite=Lax too).
  if (foreignOrigin(req.headers)) return new Response("Forbidden", { status: 403 });
  const session = await auth();
  if (!session?.user?.id) return Response.redirect(`${oauth.issuer}/sign-in?next=${encodeURIComponent(`/oauth/consent/${uid}`)}`, 303);
  const form = await req.formData();
  const approve = form.get("decision") === "approve";
  try {
    const next = await decideConsent(await getDb(), oauth, {
      uid,
      userId: session.user.id,
      decision: approve
        ? { approve, orgId: String(form.get("orgId") ?? ""), scopes: form.getAll("scope").map(String), toolProfile: form.has("toolProfile") ? String(form.get("toolProfile")) : undefined }
        : { approve: false },
    });
    return Response.redirect(new URL(next, oauth.issuer).href, 303);
  } catch (err) {
    if (err instanceof AppError) return Response.redirect(`${page}?error=${encodeURIComponent(err.message)}`, 303);
    throw err;
  }
}
