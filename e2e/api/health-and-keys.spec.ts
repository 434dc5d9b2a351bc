import { expect, test } from "@playwright/test";
import { seedApiKey } from "../../playwright.config";

test("health reports every check", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.checks.db.status).toBe("ok");
});

test("the seeded key acts for the Demo organization", async ({ request }) => {
  const res = await request.get("/api/trpc/orgs.current", { headers: { authorization: `Bearer ${seedApiKey}` } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.result.data.json).toMatchObject({ name: "Demo", slug: "demo", role: "owner" });
});

test("an unknown key is 401 with WWW-Authenticate, and no key is 401", async ({ request }) => {
  const bad = await request.get("/api/trpc/orgs.current", { headers: { authorization: `Bearer cmp_${"z".repeat(40)}` } });
  expect(bad.status()).toBe(401);
  expect(bad.headers()["www-authenticate"]).toBe("Bearer");
  const none = await request.get("/api/trpc/orgs.current");
  expect(none.status()).toBe(401);
});

test("bad input names the field and writes nothing", async ({ request }) => {
  const res = await request.post("/api/trpc/apiKeys.create", {
    headers: { authorization: `Bearer ${seedApiKey}`, "content-type": "application/json" },
    data: { json: { name: "", scopes: ["tasks:read"] } },
  });
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.error.json.data.fields[0].path).toBe("name");
  const list = await request.get("/api/trpc/apiKeys.list", { headers: { authorization: `Bearer ${seedApiKey}` } });
  const keys = (await list.json()).result.data.json as { name: string }[];
  expect(keys.map((k) => k.name)).toEqual(["Seed key (SEED_API_KEY)"]);
});
