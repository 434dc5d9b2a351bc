import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { scopes } from "@/server/services/permissions";
import { contextFrom } from "@/server/trpc/context";
import { makeOrg } from "@/server/trpc/testing";
import { handleRestRequest } from "./handler";
import { openApiDocument } from "./openapi";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb("pglite");
});
afterAll(() => h.close());

const call = (method: string, path: string, key?: string, body?: unknown) =>
  handleRestRequest(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    path.split("?")[0]!,
    { createContext: (o) => contextFrom({ db: h.db, sessionUser: async () => null }, o) },
  );

describe("REST /api/v1", () => {
  it("serves a valid OpenAPI 3.1 document covering every REST route", async () => {
    const doc = openApiDocument("http://localhost:3000/api/v1");
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.paths["/org"].get.operationId).toBe("orgs_current");
    expect(doc.paths["/api-keys/{id}"].delete.parameters[0]).toMatchObject({ name: "id", in: "path", required: true });
  });

  it("calls procedures with path, query and body input, and maps errors to HTTP statuses", async () => {
    const { org, owner } = await makeOrg(h.db, "Rest");
    const { secret } = await insertApiKey(h.db, { orgId: org.id, name: "rest", scopes, createdBy: owner.id });
    const current = await call("GET", "/org", secret);
    expect(current.status).toBe(200);
    expect(await current.json()).toMatchObject({ id: org.id });

    const created = await call("POST", "/api-keys", secret, { name: "from rest", scopes: ["org:read"] });
    expect(created.status).toBe(200);
    const { key, secret: newSecret } = (await created.json()) as { key: { id: string }; secret: string };
    expect(newSecret).toMatch(/^cmp_/);

    const bad = await call("POST", "/api-keys", secret, { name: "", scopes: ["org:read"] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields[0].path).toBe("name");

    await call("POST", "/api-keys", secret, { name: "second", scopes: ["org:read"] });
    const limited = await call("GET", "/audit?limit=1", secret);
    expect(limited.status).toBe(200);
    const page = (await limited.json()) as { items: unknown[]; nextCursor: string | null };
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();

    expect((await call("DELETE", `/api-keys/${key.id}`, secret)).status).toBe(200);
    expect((await call("GET", "/org", newSecret)).status).toBe(401);
    expect((await call("DELETE", "/api-keys/00000000-0000-4000-8000-000000000000", secret)).status).toBe(404);
    expect((await call("DELETE", "/api-keys/not-a-uuid", secret)).status).toBe(400);
    expect((await call("GET", "/nope", secret)).status).toBe(404);
    expect((await call("PUT", "/org", secret)).status).toBe(405);
    const anon = await call("GET", "/org");
    expect(anon.status).toBe(401);
    expect(anon.headers.get("www-authenticate")).toBe("Bearer");

    const { secret: readOnly } = await insertApiKey(h.db, { orgId: org.id, name: "ro", scopes: ["org:read"], createdBy: owner.id });
    expect((await call("GET", "/api-keys", readOnly)).status).toBe(403);
  });

  it("answers every operation of the document: never a 5xx or a 405, with a JSON body", async () => {
    const { org, owner } = await makeOrg(h.db, "Every");
    const { secret } = await insertApiKey(h.db, { orgId: org.id, name: "every", scopes, createdBy: owner.id });
    const doc = openApiDocument("http://localhost:3000/api/v1") as { paths: Record<string, Record<string, unknown>> };
    const seen: string[] = [];
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const path = template.replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000");
        const res = await call(method.toUpperCase(), path, secret, method === "get" || method === "delete" ? undefined : {});
        seen.push(`${method} ${template} ${res.status}`);
        expect(res.status, `${method.toUpperCase()} ${template}`).toBeLessThan(500);
        expect(res.status, `${method.toUpperCase()} ${template}`).not.toBe(405);
        expect(res.headers.get("content-type")).toContain("application/json");
      }
    }
    expect(seen.length).toBeGreaterThan(40);
  });
});
