// Authorization server metadata (RFC 8414 and OpenID Connect Discovery): the provider's own document.
import { oauthServer } from "@/server/oauth";
import { authorizationServerMetadata } from "@/server/services/oauth/metadata";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return authorizationServerMetadata(await oauthServer(), req);
}
