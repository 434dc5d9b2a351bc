// /.well-known/oauth-protected-resource/api/mcp: the metadata of the resource at /api/mcp (RFC 9728 §3.1).
import { oauthServer } from "@/server/oauth";
import { protectedResourceMetadata } from "@/server/services/oauth/metadata";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  if ((await params).path.join("/") !== "api/mcp") return Response.json({ error: "not_found" }, { status: 404 });
  return Response.json(protectedResourceMetadata(await oauthServer()), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
