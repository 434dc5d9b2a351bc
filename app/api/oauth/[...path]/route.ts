// The authorization server's endpoints (authorize, token, register, revoke, jwks…), served by
// oidc-provider through its loopback bridge (server/services/oauth/bridge.ts).
import { oauthServer } from "@/server/oauth";

export const dynamic = "force-dynamic";

const handler = async (req: Request) => (await oauthServer()).handle(req);
export { handler as DELETE, handler as GET, handler as OPTIONS, handler as POST, handler as PUT };
