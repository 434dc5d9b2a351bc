// The whole OAuth 2.1 flow as an MCP connector plays it, with the official SDK's client: the 401
// names the resource metadata, which names the authorization server; the client registers (DCR),
// sends the person to authorize with PKCE, the person approves on the consent page, the client
// exchanges the code and lists tools with the token; then refresh, reuse, revoke, and the refusals.
import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditLog, oauthConnections, oauthRecords } from "@/db/schema";
import { dbKinds } from "@/db/testing";
import { memoryRateLimiter } from "@/server/adapters/ratelimit/memory";
import { handleRestRequest } from "@/server/rest/handler";
import { toolProfileInfo } from "@/server/schemas/tool-profiles";
import { contextFrom } from "@/server/trpc/context";
import { addMember, makeOrg } from "@/server/trpc/testing";
import { pruneExpiredRecords } from "./adapter";
import { listConnectedApps, revokeConnectedApp } from "./connections";
import { decideConsent, describeConsent } from "./consent";
import { createOAuthServer, type OAuthServer } from "./server";
import { appFetch, CookieJar, issuer, mcpUrl, REDIRECT, TEST_COOKIE_KEYS, TestProvider, useOAuthApp } from "./testing";

describe.each(dbKinds)("OAuth for MCP on %s", (kind) => {
  const { app, browse, approveAll, connectWithToken } = useOAuthApp(kind);
  let h: DbHandle;
  let oauth: OAuthServer;
  let f: typeof fetch;
  beforeAll(() => void ({ h, oauth, f } = app));

  it("connects the SDK client end to end: 401 → metadata → DCR → consent → code → tools/list; refresh rotates; revoke is immediate", async () => {
    const { org, owner } = await makeOrg(h.db, "OAuth");
    const provider = new TestProvider();

    // The 401 names the resource metadata.
    const unauth = await f(mcpUrl, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: "{}" });
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${issuer}/.well-known/oauth-protected-resource/api/mcp"`);

    const prm = await (await f(`${issuer}/.well-known/oauth-protected-resource/api/mcp`)).json();
    expect(prm).toMatchObject({ resource: mcpUrl, authorization_servers: [issuer], bearer_methods_supported: ["header"] });
    const asMeta = await (await f(`${issuer}/.well-known/oauth-authorization-server`)).json();
    expect(asMeta).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/api/oauth/authorize`,
      token_endpoint: `${issuer}/api/oauth/token`,
      registration_endpoint: `${issuer}/api/oauth/register`,
      code_challenge_methods_supported: ["S256"],
      client_id_metadata_document_supported: true,
    });

    expect(await auth(provider, { serverUrl: mcpUrl, fetchFn: f })).toBe("REDIRECT");
    expect(provider.info?.client_id).toBeTruthy(); // registered dynamically
    const url = provider.authorizationUrl!;
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("resource")).toBe(mcpUrl);

    let seen: Awaited<ReturnType<typeof describeConsent>> | undefined;
    const back = await browse(url, async (uid) => {
      seen = await describeConsent(oauth, uid);
      return decideConsent(h.db, oauth, { uid, userId: owner.id, decision: { approve: true, orgId: org.id, scopes: ["orgs:read", "tasks:read", "org:read"].filter((s) => seen!.scopes.includes(s as never)) } });
    });
    expect(seen).toMatchObject({ clientName: "Test Connector", redirectHost: "127.0.0.1:8976" });
    const code = back.searchParams.get("code")!;
    expect(code).toBeTruthy();
    expect(await auth(provider, { serverUrl: mcpUrl, authorizationCode: code, fetchFn: f })).toBe("AUTHORIZED");
    const first = provider.saved!;
    expect(first).toMatchObject({ token_type: expect.stringMatching(/bearer/i), refresh_token: expect.any(String) });
    expect(first.expires_in).toBeLessThanOrEqual(600);

    const client = await connectWithToken(provider);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("orgs_current");
    expect(tools.map((t) => t.name)).not.toContain("tasks_create"); // only the scopes approved
    const current = await client.callTool({ name: "orgs_current", arguments: {} });
    expect(current.isError).toBeFalsy();
    expect(JSON.stringify(current.structuredContent)).toContain(org.id);

    // Refresh: a new pair; the old refresh token is refused, and its reuse revokes the family.
    expect(await auth(provider, { serverUrl: mcpUrl, fetchFn: f })).toBe("AUTHORIZED");
    const second = provider.saved!;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    const tokenEndpoint = `${issuer}/api/oauth/token`;
    const reuse = await f(tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: first.refresh_token!, client_id: provider.info!.client_id }),
    });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: "invalid_grant" });
    const afterReuse = await f(mcpUrl, { method: "POST", headers: { authorization: `Bearer ${second.access_token}`, "content-type": "application/json", accept: "application/json, text/event-stream" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }) });
    expect(afterReuse.status).toBe(401);
    expect(afterReuse.headers.get("www-authenticate")).toContain('error="invalid_token"');

    // Connect again, then revoke from Settings → Connected apps: refused on the very next call.
    const again = new TestProvider();
    again.info = provider.info;
    await auth(again, { serverUrl: mcpUrl, fetchFn: f });
    const back2 = await browse(again.authorizationUrl!, await approveAll(owner.id, org.id));
    await auth(again, { serverUrl: mcpUrl, authorizationCode: back2.searchParams.get("code")!, fetchFn: f });
    const c2 = await connectWithToken(again);
    expect((await c2.listTools()).tools.length).toBeGreaterThan(10);
    const svc = { db: h.db, orgId: org.id, actor: { type: "user" as const, userId: owner.id, label: "owner" }, role: "owner" as const };
    const apps = await listConnectedApps(svc);
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ clientName: "Test Connector", redirectHost: "127.0.0.1:8976", lastUsedAt: expect.any(Date), scopes: expect.arrayContaining(["tasks:write"]) });
    await revokeConnectedApp(svc, { id: apps[0]!.id });
    const trail = await h.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.organizationId, org.id));
    expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(["oauth_app.connected", "oauth_app.revoked"]));
    expect(await listConnectedApps(svc)).toHaveLength(0);
    await expect(c2.listTools()).rejects.toThrow();
  });

  it("lists only the tools of the profile the person picked on the consent page, shows it in Connected apps, and refuses an unknown one", async () => {
    const { org, owner } = await makeOrg(h.db, "Profiles");
    const svc = { db: h.db, orgId: org.id, actor: { type: "user" as const, userId: owner.id, label: "owner" }, role: "owner" as const };
    const profileRecords = async () => (await h.db.select({ id: oauthRecords.id }).from(oauthRecords).where(eq(oauthRecords.model, "ToolProfile"))).map((r) => r.id);

    /** The SDK client through the consent page; `extra` adds parameters to its authorization URL. */
    async function connectAs(answer: (uid: string, suggested: string) => Promise<string>, extra: Record<string, string> = {}) {
      const provider = new TestProvider();
      expect(await auth(provider, { serverUrl: mcpUrl, fetchFn: f })).toBe("REDIRECT");
      const url = new URL(provider.authorizationUrl!);
      for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
      const back = await browse(url, async (uid) => answer(uid, (await describeConsent(oauth, uid)).toolProfile));
      expect(await auth(provider, { serverUrl: mcpUrl, authorizationCode: back.searchParams.get("code")!, fetchFn: f })).toBe("AUTHORIZED");
      return connectWithToken(provider);
    }
    const names = async (c: Client) => (await c.listTools()).tools.map((t) => t.name).sort();

    // A client that asks for nothing in particular is offered the agent's tools, and gets exactly those.
    let suggested = "";
    const agent = await connectAs((uid, s) => {
      suggested = s;
      return (async () => (await approveAll(owner.id, org.id, null))(uid))();
    });
    expect(suggested).toBe("agent");
    expect(await names(agent)).toEqual([...toolProfileInfo.agent.tools!].sort());
    // The profile narrows the list only: the approved scopes still decide what may be called.
    expect((await agent.callTool({ name: "tasks_create", arguments: { title: "From an OAuth agent" } })).isError).toBeFalsy();

    // A client may suggest a profile (tool_profile); the person picks another, and that one holds.
    const operator = await connectAs(
      (uid, s) => {
        suggested = s;
        return (async () => (await approveAll(owner.id, org.id, "operator"))(uid))();
      },
      { tool_profile: "author" },
    );
    expect(suggested).toBe("author");
    expect(await names(operator)).toEqual([...toolProfileInfo.operator.tools!].sort());
    expect(await names(agent)).toEqual([...toolProfileInfo.agent.tools!].sort()); // each token keeps its own

    const apps = await listConnectedApps(svc);
    expect(apps.map((a) => a.toolProfile).sort()).toEqual(["agent", "operator"]);
    const trail = await h.db.select({ data: auditLog.data }).from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, "oauth_app.connected")));
    expect(trail.map((t) => t.data?.toolProfile).sort()).toEqual(["agent", "operator"]);

    // An unknown profile is refused with its name, and nothing is connected.
    const connectionsBefore = (await h.db.select({ id: oauthConnections.grantId }).from(oauthConnections).where(eq(oauthConnections.organizationId, org.id))).length;
    const recordsBefore = await profileRecords();
    await expect(connectAs((uid) => decideConsent(h.db, oauth, { uid, userId: owner.id, decision: { approve: true, orgId: org.id, scopes: ["org:read"], toolProfile: "everything" } }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining('Unknown tool profile "everything"'),
    });
    expect((await h.db.select({ id: oauthConnections.grantId }).from(oauthConnections).where(eq(oauthConnections.organizationId, org.id))).length).toBe(connectionsBefore);
    expect(await profileRecords()).toEqual(recordsBefore);

    // Revoking the connection takes its profile record with it.
    const op = apps.find((a) => a.toolProfile === "operator")!;
    expect(recordsBefore).toContain(op.id);
    await revokeConnectedApp(svc, { id: op.id });
    expect(await profileRecords()).not.toContain(op.id);
    await expect(operator.listTools()).rejects.toThrow();
    await agent.close();
  });

  it("refuses: plain PKCE, a wrong verifier, a reused code, an unregistered redirect URI, another resource, an expired token; deny", async () => {
    const { org, owner } = await makeOrg(h.db, "Attacks");
    const reg = await f(`${issuer}/api/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_name: "Attacker", redirect_uris: [REDIRECT], grant_types: ["authorization_code", "refresh_token"], token_endpoint_auth_method: "none" }),
    });
    expect(reg.status).toBe(201);
    const { client_id } = (await reg.json()) as { client_id: string };
    const verifier = "v".repeat(50);
    const challenge = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))).toString("base64url");
    const authorize = (p: Record<string, string>) =>
      `${issuer}/api/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id, redirect_uri: REDIRECT, scope: "org:read", code_challenge: challenge, code_challenge_method: "S256", state: "s", resource: mcpUrl, ...p })}`;
    const token = (p: Record<string, string>) =>
      f(`${issuer}/api/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "authorization_code", client_id, redirect_uri: REDIRECT, ...p }) });

    // plain PKCE: refused back to the client, no consent page.
    const plain = await f(authorize({ code_challenge: verifier, code_challenge_method: "plain" }), { redirect: "manual" });
    expect(plain.status).toBe(303);
    expect(new URL(plain.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
    // No PKCE at all.
    const none = await f(authorize({ code_challenge: "", code_challenge_method: "" }), { redirect: "manual" });
    expect(new URL(none.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
    // A redirect URI the client did not register: an error page, never a redirect there.
    const evil = await f(authorize({ redirect_uri: "https://evil.example/cb" }), { redirect: "manual" });
    expect(evil.status).toBe(400);
    expect(evil.headers.get("location")).toBeNull();
    // Another resource.
    const other = await f(authorize({ resource: "https://other.example/api/mcp" }), { redirect: "manual" });
    expect(new URL(other.headers.get("location")!).searchParams.get("error")).toBe("invalid_target");

    // Deny: the client hears access_denied, nothing is connected.
    const denied = await browse(authorize({}), (uid) => decideConsent(h.db, oauth, { uid, userId: owner.id, decision: { approve: false } }));
    expect(denied.searchParams.get("error")).toBe("access_denied");

    // A viewer cannot approve what their role does not allow.
    const viewer = await addMember(h.db, org.id, "viewer");
    await expect(
      browse(authorize({ scope: "org:read keys:write" }), (uid) => decideConsent(h.db, oauth, { uid, userId: viewer.id, decision: { approve: true, orgId: org.id, scopes: ["keys:write"] } })),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const code = (await browse(authorize({}), await approveAll(owner.id, org.id))).searchParams.get("code")!;
    const wrong = await token({ code, code_verifier: "w".repeat(50) });
    expect(await wrong.json()).toMatchObject({ error: "invalid_grant" });

    const code2 = (await browse(authorize({}), await approveAll(owner.id, org.id))).searchParams.get("code")!;
    const ok = await token({ code: code2, code_verifier: verifier });
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as OAuthTokens;
    const call = (t: string) => f(mcpUrl, { method: "POST", headers: { authorization: `Bearer ${t}`, "content-type": "application/json", accept: "application/json, text/event-stream" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }) });
    expect((await call(tokens.access_token)).status).toBe(200);
    // A token bound to this resource is refused by an MCP endpoint elsewhere.
    const elsewhere = appFetch(h.db, { ...oauth, resource: "https://other.example/api/mcp" });
    expect((await elsewhere(mcpUrl, { method: "POST", headers: { authorization: `Bearer ${tokens.access_token}`, "content-type": "application/json", accept: "application/json, text/event-stream" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }) })).status).toBe(401);
    // The same code again: refused, and the tokens it gave are revoked.
    const reused = await token({ code: code2, code_verifier: verifier });
    expect(await reused.json()).toMatchObject({ error: "invalid_grant" });
    expect((await call(tokens.access_token)).status).toBe(401);

    // An expired token.
    const code3 = (await browse(authorize({}), await approveAll(owner.id, org.id))).searchParams.get("code")!;
    const fresh = (await (await token({ code: code3, code_verifier: verifier })).json()) as OAuthTokens;
    expect((await call(fresh.access_token)).status).toBe(200);
    await h.db
      .update(oauthRecords)
      .set({ payload: sql`jsonb_set(${oauthRecords.payload}, '{exp}', to_jsonb(1))` })
      .where(and(eq(oauthRecords.model, "AccessToken"), eq(oauthRecords.id, fresh.access_token)));
    expect((await call(fresh.access_token)).status).toBe(401);

    // Expired records are swept; live ones stay.
    await h.db.update(oauthRecords).set({ expiresAt: new Date(1000) }).where(and(eq(oauthRecords.model, "AccessToken"), eq(oauthRecords.id, fresh.access_token)));
    expect(await pruneExpiredRecords(h.db)).toBeGreaterThanOrEqual(1);
    const left = await h.db.select({ id: oauthRecords.id }).from(oauthRecords).where(eq(oauthRecords.id, fresh.access_token));
    expect(left).toHaveLength(0);
    expect((await h.db.select({ id: oauthRecords.id }).from(oauthRecords).where(eq(oauthRecords.model, "Grant"))).length).toBeGreaterThan(0);
  });

  it("takes the pre-registered CLI client on any loopback port, and its token works over REST too, within its scopes", async () => {
    const { org, owner } = await makeOrg(h.db, "Cli");
    const verifier = "l".repeat(64);
    const challenge = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))).toString("base64url");
    const redirect = "http://127.0.0.1:51234/callback";
    const url = `${issuer}/api/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: "cloud-mcp-cli", redirect_uri: redirect, scope: "org:read tasks:read", code_challenge: challenge, code_challenge_method: "S256", resource: mcpUrl })}`;
    const jar = new CookieJar();
    const first = await jar.fetch(f, url);
    expect(first.status).toBe(303);
    const uid = /\/oauth\/consent\/([^/?#]+)/.exec(first.headers.get("location")!)![1]!;
    expect(await describeConsent(oauth, uid)).toMatchObject({ clientName: "Cloud MCP CLI", scopes: ["org:read", "tasks:read"] });
    const resume = await decideConsent(h.db, oauth, { uid, userId: owner.id, decision: { approve: true, orgId: org.id, scopes: ["org:read"] } });
    const back = new URL((await jar.fetch(f, new URL(resume, issuer).href)).headers.get("location")!);
    expect(back.origin + back.pathname).toBe(redirect);
    const res = await f(`${issuer}/api/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: "cloud-mcp-cli", redirect_uri: redirect, code: back.searchParams.get("code")!, code_verifier: verifier }),
    });
    const t = (await res.json()) as OAuthTokens;
    expect(t.scope).toBe("org:read"); // tasks:read was asked for and declined
    const rest = (path: string) =>
      handleRestRequest(new Request(`${issuer}/api/v1${path}`, { headers: { authorization: `Bearer ${t.access_token}` } }), path, {
        createContext: (o) => contextFrom({ db: h.db, sessionUser: async () => null, oauthResource: oauth.resource }, o),
      });
    const current = await rest("/org");
    expect(current.status).toBe(200);
    expect(await current.json()).toMatchObject({ id: org.id });
    expect((await rest("/tasks")).status).toBe(403);
  });


  it("limits client registrations per address: past the hourly share a 429 with Retry-After, and no client is stored", async () => {
    const limited = await createOAuthServer({
      db: h.db,
      issuer,
      cookieKeys: TEST_COOKIE_KEYS,
      allowPrivate: true,
      registrations: { limiter: memoryRateLimiter(), perIpPerHour: 2 },
    });
    try {
      const register = (ip: string) =>
        limited.handle(
          new Request(`${issuer}/api/oauth/register`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-forwarded-for": ip },
            body: JSON.stringify({ client_name: "Flood", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" }),
          }),
        );
      const clients = async () => (await h.db.select({ id: oauthRecords.id }).from(oauthRecords).where(eq(oauthRecords.model, "Client"))).length;
      expect((await register("203.0.113.7")).status).toBe(201);
      expect((await register("203.0.113.7")).status).toBe(201);
      const before = await clients();
      expect(before).toBeGreaterThanOrEqual(2);
      const refused = await register("203.0.113.7");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: "invalid_request", error_description: expect.stringContaining("at most 2 an hour") });
      expect(await clients()).toBe(before);
      // Another address still registers; the limit is per address, not global.
      expect((await register("203.0.113.8")).status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
