// RFC 9728 Protected Resource Metadata for /api/mcp (also at its path-suffixed form, see [...path]).
import { oauthServer } from "@/server/oauth";
import { protectedResourceMetadata } from "@/server/services/oauth/metadata";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(protectedResourceMetadata(await oauthServer()), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
