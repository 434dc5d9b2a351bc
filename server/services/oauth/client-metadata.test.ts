// Client ID Metadata Documents: a client named by the URL of its document, fetched through the
// SSRF-safe fetcher, cached within bounds, and refused when the document or its host is wrong.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { dbKinds } from "@/db/testing";
import { makeOrg } from "@/server/trpc/testing";
import { ClientMetadataCache, maxAgeMs } from "./client-metadata-cache";
import { decideConsent, describeConsent } from "./consent";
import { createOAuthServer, type OAuthServer } from "./server";
import { appFetch, CookieJar, issuer, mcpUrl, REDIRECT, TEST_COOKIE_KEYS, useOAuthApp } from "./testing";

describe.each(dbKinds)("Client ID Metadata Documents on %s", (kind) => {
  const { app, browse, approveAll } = useOAuthApp(kind);
  let h: DbHandle;
  let oauth: OAuthServer;
  let f: typeof fetch;
  beforeAll(() => void ({ h, oauth, f } = app));

  let server: Server;
  let base: string;
  let hits = 0;
  let doc: (url: string) => unknown;
  let cacheControl: string | null = null;
  let status = 200;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      res.statusCode = status;
      res.setHeader("content-type", "application/json");
      if (cacheControl) res.setHeader("cache-control", cacheControl);
      res.end(JSON.stringify(doc(`${base}${req.url}`)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("takes a client by the URL of its document, and only the redirect URIs it names", async () => {
    const { org, owner } = await makeOrg(h.db, "Cimd");
    doc = (url) => ({ client_id: url, client_name: "Doc Client", redirect_uris: [REDIRECT], grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "none" });
    const clientId = `${base}/oauth/client.json`;
    const verifier = "c".repeat(50);
    const challenge = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))).toString("base64url");
    const q = (p: Record<string, string>) =>
      `${issuer}/api/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT, scope: "org:read", code_challenge: challenge, code_challenge_method: "S256", resource: mcpUrl, ...p })}`;
    const evil = await f(q({ redirect_uri: "http://127.0.0.1:9/elsewhere" }), { redirect: "manual" });
    expect(evil.status).toBe(400);
    let name = "";
    const back = await browse(q({}), async (uid) => {
      name = (await describeConsent(oauth, uid)).clientName;
      return (await approveAll(owner.id, org.id))(uid);
    });
    expect(name).toBe("Doc Client");
    const res = await f(`${issuer}/api/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, redirect_uri: REDIRECT, code: back.searchParams.get("code")!, code_verifier: verifier }),
    });
    expect(res.status).toBe(200);
    // A document that names another client_id is not this client.
    doc = () => ({ client_id: "https://someone.else/client.json", client_name: "x", redirect_uris: [REDIRECT] });
    expect((await f(q({ client_id: `${base}/oauth/impostor.json` }), { redirect: "manual" })).status).toBe(400);
  });

  it("keeps a fetched document: a second authorization of the same client fetches nothing, an expired entry is fetched again, a failure is kept briefly", async () => {
    const { org, owner } = await makeOrg(h.db, "CimdCache");
    let now = 1_700_000_000_000;
    const cache = new ClientMetadataCache({ now: () => now });
    const cached = await createOAuthServer({ db: h.db, issuer, cookieKeys: TEST_COOKIE_KEYS, allowPrivate: true, clientMetadataCache: cache });
    try {
      const cf = appFetch(h.db, cached);
      doc = (url) => ({ client_id: url, client_name: "Cached Client", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" });
      cacheControl = "public, max-age=120";
      const clientId = `${base}/oauth/cached.json`;
      const verifier = "k".repeat(50);
      const challenge = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))).toString("base64url");
      const authorizeUrl = `${issuer}/api/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT, scope: "org:read", code_challenge: challenge, code_challenge_method: "S256", resource: mcpUrl })}`;
      /** A whole authorization: authorize → consent → resume → code → token. */
      const authorizeOnce = async () => {
        const jar = new CookieJar();
        const first = await jar.fetch(cf, authorizeUrl);
        expect(first.status, await first.clone().text()).toBe(303);
        const uid = /\/oauth\/consent\/([^/?#]+)/.exec(first.headers.get("location")!)![1]!;
        const consent = await describeConsent(cached, uid);
        const resume = await decideConsent(h.db, cached, { uid, userId: owner.id, decision: { approve: true, orgId: org.id, scopes: consent.scopes } });
        const back = new URL((await jar.fetch(cf, new URL(resume, issuer).href)).headers.get("location")!);
        const res = await cf(`${issuer}/api/oauth/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, redirect_uri: REDIRECT, code: back.searchParams.get("code")!, code_verifier: verifier }),
        });
        expect(res.status).toBe(200);
        return consent.clientName;
      };

      hits = 0;
      expect(await authorizeOnce()).toBe("Cached Client");
      expect(hits).toBe(1); // one fetch for every lookup of the whole authorization
      expect(await authorizeOnce()).toBe("Cached Client");
      expect(hits).toBe(1); // the second authorization: zero extra fetches

      // Past its max-age (120 s) the document is fetched again, and a change is seen.
      doc = (url) => ({ client_id: url, client_name: "Renamed Client", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" });
      now += 119_000;
      expect(await authorizeOnce()).toBe("Cached Client");
      expect(hits).toBe(1);
      now += 2_000;
      expect(await authorizeOnce()).toBe("Renamed Client");
      expect(hits).toBe(2);

      // A max-age beyond a day is held to a day; no-store still covers one authorization (the floor).
      cacheControl = "max-age=31536000";
      now += 10 * 60_000;
      await authorizeOnce();
      expect(hits).toBe(3);
      now += 24 * 3_600_000 - 1_000;
      await authorizeOnce();
      expect(hits).toBe(3);
      now += 2_000;
      cacheControl = "no-store";
      await authorizeOnce();
      expect(hits).toBe(4);
      await authorizeOnce();
      expect(hits).toBe(4);

      // A failed fetch is kept for seconds, not minutes: the fixed document works soon after.
      const broken = `${base}/oauth/broken.json`;
      status = 500;
      const tryBroken = () => cf(authorizeUrl.replace(encodeURIComponent(clientId), encodeURIComponent(broken)), { redirect: "manual" });
      expect((await tryBroken()).status).toBe(400);
      expect((await tryBroken()).status).toBe(400);
      expect(hits).toBe(5);
      status = 200;
      now += 11_000;
      const fixed = await tryBroken();
      expect(fixed.status).toBe(303); // on to the consent page
      expect(hits).toBe(6);
    } finally {
      status = 200;
      cacheControl = null;
      await cached.close();
    }
  });

  it("bounds the cache: past its size the least recently used document goes", async () => {
    let loads = 0;
    const cache = new ClientMetadataCache({ max: 2 });
    const load = async () => (loads++, { metadata: { client_id: "x" }, cacheControl: null });
    await cache.get("a", load);
    await cache.get("b", load);
    await cache.get("a", load); // a is now the most recently used
    await cache.get("c", load); // b goes
    expect(cache.size).toBe(2);
    expect(loads).toBe(3);
    await cache.get("a", load);
    expect(loads).toBe(3);
    await cache.get("b", load);
    expect(loads).toBe(4);
    // Lookups of one URL in flight share one fetch.
    await Promise.all([cache.get("d", load), cache.get("d", load)]);
    expect(loads).toBe(5);
    expect(maxAgeMs("public, max-age=60")).toBe(60_000);
    expect(maxAgeMs("no-cache")).toBe(0);
    expect(maxAgeMs("private")).toBeNull();
  });

  it("never fetches a document on a private address when private hosts are not allowed", async () => {
    const strict = await createOAuthServer({ db: h.db, issuer, cookieKeys: TEST_COOKIE_KEYS, allowPrivate: false });
    try {
      const sf = appFetch(h.db, strict);
      hits = 0;
      doc = (url) => ({ client_id: url, client_name: "x", redirect_uris: [REDIRECT] });
      const port = new URL(base).port;
      for (const id of [`https://127.0.0.1:${port}/client.json`, `https://localhost:${port}/client.json`, `https://[::1]:${port}/client.json`]) {
        const res = await sf(`${issuer}/api/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: id, redirect_uri: REDIRECT, code_challenge: "x".repeat(43), code_challenge_method: "S256" })}`, { redirect: "manual" });
        expect(res.status).toBe(400);
      }
      expect(hits).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
