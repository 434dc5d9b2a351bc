// Plans on every surface: API calls per minute per key and per organization (429 with
// Retry-After and RateLimit-* headers), and daily allowances (FORBIDDEN naming the quota, with
// nothing written) — tRPC/SDK, REST and MCP alike, since they all call the one middleware.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { generations, memberships, organizations, tasks } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { handleMcpRequest } from "@/server/mcp/http";
import { handleRestRequest } from "@/server/rest/handler";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { scopes } from "@/server/services/permissions";
import { contextFrom } from "@/server/trpc/context";
import { keyCaller, keyCallerFromSecret, makeOrg, makeUser, userCaller } from "@/server/trpc/testing";
import { defaultPlans, definePlans } from "./plans";

const tiny = { tasksPerDay: 2, generationsPerDay: 1, apiCallsPerMinutePerKey: 4, apiCallsPerMinutePerOrg: 6, members: 2, monthlyCreditGrant: 0 };

describe.each(dbKinds)("plans and quotas on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
    definePlans({ tiny });
  });
  afterAll(async () => {
    definePlans(defaultPlans);
    await h.close();
  });

  async function tinyOrg(name: string) {
    const made = await makeOrg(h.db, name);
    await h.db.update(organizations).set({ plan: "tiny" }).where(eq(organizations.id, made.org.id));
    return made;
  }
  const asKey = { createContext: (o: { headers: Headers; resHeaders?: Headers | null }) => contextFrom({ db: h.db, sessionUser: async () => null }, o) };

  it("limits API calls per key on the SDK surface, naming the limit and when to retry", async () => {
    const { org, owner } = await tinyOrg("Rated");
    const { secret } = await insertApiKey(h.db, { orgId: org.id, name: "k", scopes, createdBy: owner.id });
    const api = await keyCallerFromSecret(h.db, secret);
    for (let i = 0; i < 4; i++) await api.orgs.current();
    const err = (await api.orgs.current().catch((e: unknown) => e)) as { code: string; message: string; cause?: { details?: { retryAfterSeconds?: number } } };
    expect(err).toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringContaining("the tiny plan allows 4 API calls per minute for this API key") });
    expect(err.cause?.details?.retryAfterSeconds).toBeGreaterThan(0);
    // Another key of the same organization still has room, until the organization's limit.
    const { secret: second } = await insertApiKey(h.db, { orgId: org.id, name: "k2", scopes, createdBy: owner.id });
    const other = await keyCallerFromSecret(h.db, second);
    await other.orgs.current();
    await expect(other.orgs.current()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringContaining("for your organization") });
  });

  it("answers REST with 429, Retry-After and RateLimit-* headers, and MCP with a tool error", async () => {
    const { org, owner } = await tinyOrg("RestRated");
    const { secret } = await insertApiKey(h.db, { orgId: org.id, name: "k", scopes, createdBy: owner.id });
    const get = () => handleRestRequest(new Request("http://localhost/api/v1/org", { headers: { authorization: `Bearer ${secret}` } }), "/org", asKey);
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe("4");
    expect(first.headers.get("ratelimit-remaining")).toBe("3");
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect((await refused.json()).error.code).toBe("TOO_MANY_REQUESTS");

    const { secret: mcpKey } = await insertApiKey(h.db, { orgId: org.id, name: "mcp", scopes, createdBy: owner.id });
    const call = () =>
      handleMcpRequest(
        new Request("http://localhost/api/mcp", {
          method: "POST",
          headers: { authorization: `Bearer ${mcpKey}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "orgs_current", arguments: {} } }),
        }),
        asKey,
      ).then((r) => r.json() as Promise<{ result: { isError?: boolean; content: { text: string }[] } }>);
    // The organization has 1 call left of its 6 (4 REST calls and the refused one did not count past it).
    const results = [await call(), await call()];
    expect(results.some((r) => r.result.isError && r.result.content[0]!.text.startsWith("TOO_MANY_REQUESTS: Rate limit"))).toBe(true);
  });

  it("refuses the task and the generation past the daily allowance, writing nothing", async () => {
    const { org, owner } = await tinyOrg("Daily");
    definePlans({ tiny: { ...tiny, apiCallsPerMinutePerKey: null, apiCallsPerMinutePerOrg: null } });
    try {
      const api = await keyCaller(h.db, org.id, scopes, owner.id);
      await api.tasks.create({ title: "one" });
      await api.tasks.create({ title: "two" });
      await expect(api.tasks.create({ title: "three" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("Quota reached: the tiny plan allows 2 tasks per day") });
      expect((await h.db.select({ n: count() }).from(tasks).where(eq(tasks.organizationId, org.id)))[0]!.n).toBe(2);
      const t = await api.templates.create({ name: "Quota tpl", files: [{ path: "a.txt", content: "{{ n }}" }] });
      await api.generations.create({ templateId: t.id, variables: { n: 1 }, format: "json" });
      await expect(api.generations.create({ templateId: t.id, variables: { n: 2 }, format: "json" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("1 generations per day") });
      expect((await h.db.select({ n: count() }).from(generations).where(eq(generations.organizationId, org.id)))[0]!.n).toBe(1);
    } finally {
      definePlans({ tiny });
    }
  });

  it("refuses an invitation, and accepting one, past the plan's number of members", async () => {
    const { org, owner } = await tinyOrg("Crowded");
    const boss = await userCaller(h.db, owner, org.id);
    const first = await makeUser(h.db, "first");
    const second = await makeUser(h.db, "second");
    const a = await boss.orgs.invite({ email: first.email, role: "member" });
    const b = await boss.orgs.invite({ email: second.email, role: "member" });
    await (await userCaller(h.db, first, null)).orgs.acceptInvitation({ token: a.link.split("/").pop()! });
    // Two members now (the owner and the first): the second cannot join, and nobody else can be invited.
    await expect((await userCaller(h.db, second, null)).orgs.acceptInvitation({ token: b.link.split("/").pop()! })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("allows 2 members") });
    await expect(boss.orgs.invite({ email: "third@example.test", role: "member" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("allows 2 members") });
    expect(await h.db.select().from(memberships).where(eq(memberships.organizationId, org.id))).toHaveLength(2);
  });
});
