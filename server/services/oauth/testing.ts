import "server-only";
// Test plumbing for the OAuth flow: the app's OAuth, discovery and MCP routes served in-process
// through one fetch (as a remote MCP client reaches them over HTTP), a browser's cookie jar, the
// official SDK client's OAuth provider, and one authorization server on a fresh database per file.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { OAuthClientInformationMixed, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { afterAll, beforeAll, expect } from "vitest";
import type { Db, DbHandle } from "@/db/client";
import { createTestDb, type DbKind } from "@/db/testing";
import { appUrl, env } from "@/server/env";
import { handleMcpRequest } from "@/server/mcp/http";
import { contextFrom } from "@/server/trpc/context";
import { decideConsent, describeConsent } from "./consent";
import { authorizationServerMetadata, protectedResourceMetadata } from "./metadata";
import { createOAuthServer, type OAuthServer } from "./server";

export function appFetch(db: Db, oauth: OAuthServer, counter?: { mcp: number }): typeof fetch {
  return async (input, init) => {
    const req = new Request(input instanceof URL ? input.href : (input as string | Request), init);
    const { pathname } = new URL(req.url);
    if (pathname === "/api/mcp") {
      if (counter) counter.mcp++;
      return handleMcpRequest(req, { createContext: (o) => contextFrom({ db, sessionUser: async () => null, oauthResource: oauth.resource }, o) });
    }
    if (pathname === "/.well-known/oauth-protected-resource" || pathname === "/.well-known/oauth-protected-resource/api/mcp") {
      return Response.json(protectedResourceMetadata(oauth));
    }
    if (pathname === "/.well-known/oauth-authorization-server" || pathname === "/.well-known/openid-configuration") {
      return authorizationServerMetadata(oauth, req);
    }
    if (pathname.startsWith("/api/oauth/")) return oauth.handle(req);
    return new Response("not found", { status: 404 });
  };
}

/** A browser: keeps cookies from every response and sends them all back (paths ignored). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  async fetch(f: typeof fetch, url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await f(url, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
    }
    return res;
  }
}

export const issuer = appUrl(env);
export const mcpUrl = `${issuer}/api/mcp`;
export const REDIRECT = "http://127.0.0.1:8976/callback";
export const TEST_COOKIE_KEYS = ["test-cookie-key-0123456789abcdef"];

export class TestProvider implements OAuthClientProvider {
  info?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  verifier = "";
  authorizationUrl?: URL;
  clientMetadataUrl?: string;
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata() {
    return { client_name: "Test Connector", redirect_uris: [REDIRECT], grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "none" };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(i: OAuthClientInformationMixed) {
    this.info = i;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(t: OAuthTokens) {
    this.saved = t;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
}

export interface OAuthTestApp {
  h: DbHandle;
  oauth: OAuthServer;
  /** The app's OAuth, discovery and MCP routes, as a remote client reaches them. */
  f: typeof fetch;
}

/**
 * Registers the file's set-up: a fresh database and authorization server before its tests, closed
 * after. The returned object is filled in once `beforeAll` has run; the helpers read it then.
 */
export function useOAuthApp(kind: DbKind) {
  const app = {} as OAuthTestApp;
  beforeAll(async () => {
    app.h = await createTestDb(kind);
    app.oauth = await createOAuthServer({ db: app.h.db, issuer, cookieKeys: TEST_COOKIE_KEYS, allowPrivate: true });
    app.f = appFetch(app.h.db, app.oauth);
  });
  afterAll(async () => {
    await app.oauth.close();
    await app.h.close();
  });

  /** The person's browser: follows the authorization URL to the consent page, answers, and returns the redirect. */
  async function browse(authorizationUrl: URL | string, answer: (uid: string) => Promise<string>): Promise<URL> {
    const jar = new CookieJar();
    const first = await jar.fetch(app.f, String(authorizationUrl));
    const consent = first.headers.get("location");
    expect(first.status, await first.clone().text()).toBe(303);
    const uid = /\/oauth\/consent\/([^/?#]+)/.exec(consent!)![1]!;
    const resume = await answer(uid);
    const back = await jar.fetch(app.f, new URL(resume, issuer).href);
    expect(back.status, await back.clone().text()).toBe(303);
    const location = back.headers.get("location")!;
    expect(location.startsWith(REDIRECT), location).toBe(true);
    return new URL(location);
  }

  /** Approves every scope asked for, with the given tool profile (null: the one the page suggests). */
  async function approveAll(userId: string, orgId: string, toolProfile: string | null = "all") {
    return (uid: string) =>
      describeConsent(app.oauth, uid).then((c) => decideConsent(app.h.db, app.oauth, { uid, userId, decision: { approve: true, orgId, scopes: c.scopes, ...(toolProfile === null ? {} : { toolProfile }) } }));
  }

  async function connectWithToken(provider: TestProvider) {
    const client = new Client({ name: "oauth-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { fetch: app.f, authProvider: provider }));
    return client;
  }

  return { app, browse, approveAll, connectWithToken };
}
