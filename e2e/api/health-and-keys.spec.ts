import { expect, test } from "@playwright/test";
import { metricsToken, seedApiKey } from "../../playwright.config";

test("health reports every check", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.checks.db.status).toBe("ok");
  expect(body.checks.storage).toMatchObject({ status: "ok", adapter: "local" });
  expect(body.checks.workflows).toMatchObject({ status: "ok", engine: "in-process" });
});

test("liveness answers without dependencies; readiness checks the migrations too", async ({ request }) => {
  const live = await request.get("/api/health/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "live" });
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  const body = await ready.json();
  expect(body.checks.migrations).toMatchObject({ status: "ok", applied: expect.any(Number) });
  expect(body.checks.lifecycle).toMatchObject({ status: "ok" });
  expect(body.checks.db.status).toBe("ok");
});

test("metrics need the token, then count every surface's calls and the state of the work", async ({ request }) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  const wrong = await request.get("/api/metrics", { headers: { authorization: "Bearer not-the-token-at-all" } });
  expect(wrong.status()).toBe(401);
  expect(wrong.headers()["www-authenticate"]).toContain("Bearer");
  await request.get("/api/v1/org", { headers: { authorization: `Bearer ${seedApiKey}` } });
  await request.get("/api/trpc/orgs.current", { headers: { authorization: `Bearer ${seedApiKey}` } });
  await request.get("/api/v1/tasks/00000000-0000-4000-8000-000000000000", { headers: { authorization: `Bearer ${seedApiKey}` } });
  const res = await request.get("/api/metrics", { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  const text = await res.text();
  expect(text).toMatch(/^cmp_procedure_calls_total\{procedure="orgs\.current",surface="rest",outcome="ok"\} [1-9]/m);
  expect(text).toMatch(/^cmp_procedure_calls_total\{procedure="orgs\.current",surface="trpc",outcome="ok"\} [1-9]/m);
  expect(text).toMatch(/^cmp_procedure_calls_total\{procedure="tasks\.get",surface="rest",outcome="NOT_FOUND"\} [1-9]/m);
  expect(text).toMatch(/^cmp_procedure_duration_seconds_bucket\{le="0\.1",procedure="orgs\.current",surface="rest"\} [1-9]/m);
  for (const check of ["db", "storage", "workflows"]) expect(text).toContain(`cmp_health_check_up{check="${check}"} 1`);
  expect(text).toMatch(/^cmp_tasks\{status="succeeded"\} [1-9]/m);
  expect(text).toMatch(/^cmp_agents\{status="online"\} [1-9]/m);
  expect(text).toMatch(/^cmp_workflow_runs\{state="queued"\} \d+/m);
  expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  expect(text).not.toContain(seedApiKey);
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
