import "server-only";
// Discovery documents: Protected Resource Metadata for /api/mcp (RFC 9728) and the authorization
// server metadata (RFC 8414 / OpenID discovery) the provider serves, plus what it does not know
// about itself (Client ID Metadata Document support).
import { scopes } from "@/server/services/permissions";
import type { OAuthServer } from "./server";

export const PRM_PATH = "/.well-known/oauth-protected-resource";

export function protectedResourceMetadata(oauth: Pick<OAuthServer, "issuer" | "resource">) {
  return {
    resource: oauth.resource,
    authorization_servers: [oauth.issuer],
    scopes_supported: [...scopes],
    bearer_methods_supported: ["header"],
    resource_name: "Cloud MCP Platform",
    resource_documentation: `${oauth.issuer}/docs`,
  };
}

/** The provider's discovery document, with the fields MCP clients look for added. */
export async function authorizationServerMetadata(oauth: OAuthServer, req: Request): Promise<Response> {
  const res = await oauth.handle(new Request(req.url, { headers: req.headers }), "/.well-known/openid-configuration");
  if (!res.ok) return res;
  const doc = (await res.json()) as Record<string, unknown>;
  return Response.json(
    { ...doc, client_id_metadata_document_supported: true, code_challenge_methods_supported: ["S256"] },
    { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } },
  );
}
