import "server-only";
// The authorization server: oidc-provider (the OpenID-certified Node implementation) configured
// for MCP clients — authorization code with PKCE (S256 only, required), Dynamic Client
// Registration, Client ID Metadata Documents (through the adapter's client lookup), resource
// indicators (every token is bound to the MCP endpoint and nothing else), short-lived opaque
// access tokens and rotating refresh tokens (a reused one revokes its whole grant).
import { generateKeyPairSync } from "node:crypto";
import { and, eq } from "drizzle-orm";
import Provider, { type Configuration, errors, type JWK } from "oidc-provider";
import type { Db } from "@/db/client";
import { oauthRecords } from "@/db/schema";
import { scopes } from "@/server/services/permissions";
import { adapterFactory } from "./adapter";
import { ClientMetadataCache } from "./client-metadata-cache";
import { firstPartyClients } from "./clients";
import { mcpResource } from "./resource";

export const OAUTH_BASE = "/api/oauth";
export const ACCESS_TOKEN_TTL_S = 10 * 60;
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 3600;

export interface OAuthOptions {
  db: Db;
  /** The public origin (APP_URL): the issuer, and the MCP resource is `${issuer}/api/mcp`. */
  issuer: string;
  /** Keys signing the provider's cookies; the first signs, all verify. */
  cookieKeys: string[];
  /** Client metadata documents on loopback/private hosts (WEBHOOK_ALLOW_PRIVATE): tests and development. */
  allowPrivate: boolean;
  /** The cache of Client ID Metadata Documents (tests pass one with their own clock); one per provider by default. */
  clientMetadataCache?: ClientMetadataCache;
}


/** The signing key for ID tokens, made once and kept in the database so every instance shares it. */
async function signingKeys(db: Db): Promise<JWK[]> {
  const where = and(eq(oauthRecords.model, "SigningKey"), eq(oauthRecords.id, "default"));
  const [row] = await db.select().from(oauthRecords).where(where).limit(1);
  if (row) return [row.payload as JWK];
  const jwk = { ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), use: "sig", kid: `k${Date.now().toString(36)}` };
  await db.insert(oauthRecords).values({ model: "SigningKey", id: "default", payload: jwk }).onConflictDoNothing();
  const [stored] = await db.select().from(oauthRecords).where(where).limit(1);
  return [stored!.payload as JWK];
}

export async function createProvider(opts: OAuthOptions): Promise<Provider> {
  const issuer = opts.issuer.replace(/\/+$/, "");
  const resource = mcpResource(issuer);
  const config: Configuration = {
    adapter: adapterFactory({ db: opts.db, allowPrivate: opts.allowPrivate, clientMetadata: opts.clientMetadataCache ?? new ClientMetadataCache() }),
    clients: firstPartyClients(),
    jwks: { keys: await signingKeys(opts.db) },
    cookies: { keys: opts.cookieKeys },
    // OpenID scopes only: the platform's own scopes belong to the resource (getResourceServerInfo).
    scopes: ["openid", "offline_access"],
    claims: { openid: ["sub"] },
    responseTypes: ["code"],
    // A client may suggest which MCP tools it wants listed (agent, operator, author, all); the
    // person decides on the consent page.
    extraParams: ["tool_profile"],
    pkce: { required: () => true },
    routes: {
      authorization: `${OAUTH_BASE}/authorize`,
      token: `${OAUTH_BASE}/token`,
      registration: `${OAUTH_BASE}/register`,
      revocation: `${OAUTH_BASE}/revoke`,
      jwks: `${OAUTH_BASE}/jwks`,
      userinfo: `${OAUTH_BASE}/userinfo`,
      end_session: `${OAUTH_BASE}/logout`,
      introspection: `${OAUTH_BASE}/introspect`,
      pushed_authorization_request: `${OAUTH_BASE}/par`,
      code_verification: `${OAUTH_BASE}/device`,
      device_authorization: `${OAUTH_BASE}/device/auth`,
      backchannel_authentication: `${OAUTH_BASE}/backchannel`,
      challenge: `${OAUTH_BASE}/challenge`,
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_S,
      AuthorizationCode: 60,
      RefreshToken: REFRESH_TOKEN_TTL_S,
      Interaction: 15 * 60,
      Session: 24 * 3600,
      Grant: REFRESH_TOKEN_TTL_S,
      IdToken: 3600,
    },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`this server issues tokens for ${resource} only`);
          return { scope: scopes.join(" "), audience: resource, accessTokenTTL: ACCESS_TOKEN_TTL_S, accessTokenFormat: "opaque" };
        },
      },
    },
    // The consent page (app/oauth/consent) signs the person in and records their choice.
    interactions: { url: (_ctx, interaction) => `/oauth/consent/${interaction.uid}` },
    // A grant is only what the person approved on the consent page for this very request.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    // An authorization request that cannot go back to the client (unknown client, redirect URI not
    // registered): our own page, never a redirect, the remote's words escaped.
    renderError: async (ctx, out) => {
      const esc = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      ctx.type = "html";
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cannot connect</title><meta name="viewport" content="width=device-width,initial-scale=1"></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111"><h1 style="font-size:1.25rem">This app cannot connect</h1><p><code>${esc(out.error)}</code>: ${esc(out.error_description)}</p><p style="color:#666">Go back to the app and try again, or ask its developer.</p></body></html>`;
    },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: true,
    clientDefaults: { grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "none" },
  };
  const provider = new Provider(issuer, config);
  // Reached only through the loopback bridge, which sets X-Forwarded-Host/Proto to the issuer's.
  provider.proxy = true;
  return provider;
}
