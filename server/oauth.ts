import "server-only";
// The process's authorization server (composition root for OAuth): the app's database, the public
// origin as issuer, cookie keys derived from the signing secret. Made on first use, kept on
// globalThis so hot reload and Next's several module copies share one provider and one bridge.
import { createHash } from "node:crypto";
import { getSigningSecret } from "@/server/auth/secret";
import { getDb } from "@/server/db";
import { rateLimiter } from "@/server/adapters/ratelimit";
import { appUrl, env } from "@/server/env";
import { createOAuthServer, type OAuthServer } from "@/server/services/oauth/server";

const g = globalThis as unknown as { __cmpOAuth?: Promise<OAuthServer> };

async function build(): Promise<OAuthServer> {
  const secret = await getSigningSecret();
  const cookieKey = createHash("sha256").update(`oauth-cookies:${secret}`).digest("base64url");
  return createOAuthServer({
    db: await getDb(),
    issuer: appUrl(env),
    cookieKeys: [cookieKey],
    allowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
    registrations: { limiter: rateLimiter(), perIpPerHour: env.OAUTH_REGISTRATIONS_PER_IP },
  });
}

export function oauthServer(): Promise<OAuthServer> {
  g.__cmpOAuth ??= build().catch((err) => {
    g.__cmpOAuth = undefined;
    throw err;
  });
  return g.__cmpOAuth;
}
