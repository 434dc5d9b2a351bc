// What every API surface refuses before doing work: a body over the limit (counted while it
// streams, the rest never read), a cookie-authenticated write from another site's page, and a
// tRPC batch over the cap.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { organizations } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { appUrl, env } from "@/server/env";
import { handleMcpRequest } from "@/server/mcp/http";
import { handleRestRequest } from "@/server/rest/handler";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { scopes } from "@/server/services/permissions";
import { contextFrom } from "@/server/trpc/context";
import { handleTrpcRequest, MAX_BATCH } from "@/server/trpc/http";
import { makeOrg } from "@/server/trpc/testing";
import { MAX_BODY_BYTES } from "./body-limit";

/** A chunked body of `total` bytes made as it is pulled; `pulled()` tells how much was read. */
function hugeBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= total) return c.close();
      sent += chunk.byteLength;
      c.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

describe("request guards", () => {
  let h: DbHandle;
  let org: { id: string; name: string };
  let owner: { id: string; email: string };
  let key: string;
  beforeAll(async () => {
    h = await createTestDb("pglite");
    ({ org, owner } = await makeOrg(h.db, "Guarded"));
    ({ secret: key } = await insertApiKey(h.db, { orgId: org.id, name: "k", scopes, createdBy: owner.id }));
  });
  afterAll(() => h.close());

  const asSession = { createContext: (o: { headers: Headers; resHeaders?: Headers | null }) => contextFrom({ db: h.db, sessionUser: async () => owner }, o) };
  const asKey = { createContext: (o: { headers: Headers; resHeaders?: Headers | null }) => contextFrom({ db: h.db, sessionUser: async () => null }, o) };
  const post = (url: string, body: BodyInit, headers: Record<string, string>) => new Request(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers }, duplex: "half" } as RequestInit);

  it("refuses a streamed body over the limit on tRPC, REST and MCP, reading little more than the limit", async () => {
    const total = MAX_BODY_BYTES * 4;
    const surfaces = [
      (b: ReadableStream) => handleTrpcRequest(post("http://localhost/api/trpc/orgs.rename", b, { authorization: `Bearer ${key}` }), asKey),
      (b: ReadableStream) => handleRestRequest(post("http://localhost/api/v1/tasks", b, { authorization: `Bearer ${key}` }), "/tasks", asKey),
      (b: ReadableStream) => handleMcpRequest(post("http://localhost/api/mcp", b, { authorization: `Bearer ${key}`, accept: "application/json, text/event-stream" }), asKey),
    ];
    for (const call of surfaces) {
      const body = hugeBody(total);
      const res = await call(body.stream);
      expect(res.status).toBe(413);
      expect(await res.text()).toContain(`limit of ${MAX_BODY_BYTES} bytes`);
      expect(body.pulled()).toBeLessThan(MAX_BODY_BYTES + 1024 * 1024);
    }
    // A declared length over the limit is refused without reading at all.
    const declared = hugeBody(total);
    const res = await handleTrpcRequest(post("http://localhost/api/trpc/orgs.rename", declared.stream, { authorization: `Bearer ${key}`, "content-length": String(total) }), asKey);
    expect(res.status).toBe(413);
    expect(declared.pulled()).toBeLessThanOrEqual(128 * 1024);
  });

  it("refuses a cookie-authenticated write from another site's page, and serves our own", async () => {
    const rename = (origin: string | null, name: string) =>
      handleTrpcRequest(post("http://localhost/api/trpc/orgs.rename", JSON.stringify({ json: { name } }), origin ? { origin } : {}), asSession);
    const foreign = await rename("https://evil.example", "Pwned");
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("Origin https://evil.example may not act with this session");
    expect((await h.db.select().from(organizations).where(eq(organizations.id, org.id)))[0]!.name).toBe(org.name);
    expect((await rename(new URL(appUrl(env)).origin, "Renamed here")).status).toBe(200);
    expect((await rename(null, "Renamed by a script")).status).toBe(200);
    expect((await h.db.select().from(organizations).where(eq(organizations.id, org.id)))[0]!.name).toBe("Renamed by a script");
  });

  it("caps a tRPC batch", async () => {
    const batch = (n: number) => {
      const paths = Array.from({ length: n }, () => "orgs.current").join(",");
      const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]))));
      return handleTrpcRequest(new Request(`http://localhost/api/trpc/${paths}?batch=1&input=${input}`, { headers: { authorization: `Bearer ${key}` } }), asKey);
    };
    expect((await batch(MAX_BATCH)).status).toBe(200);
    const over = await batch(MAX_BATCH + 1);
    expect(over.status).toBe(400);
  });
});
