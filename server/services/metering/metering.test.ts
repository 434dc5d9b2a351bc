// Metering agrees with what was served: N calls over MCP, REST and the SDK (tRPC over HTTP) are
// N in usage_summary once the meter has flushed, per surface and per key; calls of signed-in
// people count without a key. A batch retried after an unknown outcome is applied once.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { usageBatches, usageCounters } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { createClient } from "@/sdk/index";
import { handleMcpRequest } from "@/server/mcp/http";
import { handleRestRequest } from "@/server/rest/handler";
import { appRouter } from "@/server/routers/_app";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { scopes } from "@/server/services/permissions";
import { contextFrom } from "@/server/trpc/context";
import { makeOrg, userCaller } from "@/server/trpc/testing";
import { applyBatch } from "./counters";
import { Meter, utcDay } from "./meter";
import { closeMeter, flushMeter } from "./registry";

describe.each(dbKinds)("usage metering on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(async () => {
    await closeMeter(h.db);
    await h.close();
  });
  const createContext = (o: { headers: Headers; resHeaders?: Headers | null }) => contextFrom({ db: h.db, sessionUser: async () => null }, o);

  it("counts every call served over MCP, REST and the SDK, per surface and per key", async () => {
    const { org, owner } = await makeOrg(h.db, "Metered");
    const { secret: mcpKey, key: mcpRow } = await insertApiKey(h.db, { orgId: org.id, name: "agent", scopes, createdBy: owner.id });
    const { secret: apiKey, key: apiRow } = await insertApiKey(h.db, { orgId: org.id, name: "scripts", scopes, createdBy: owner.id });
    const other = await makeOrg(h.db, "Unmetered neighbour");
    const { secret: otherKey } = await insertApiKey(h.db, { orgId: other.org.id, name: "x", scopes, createdBy: other.owner.id });

    const mcp = (secret: string, name: string, args: Record<string, unknown> = {}) =>
      handleMcpRequest(
        new Request("http://localhost/api/mcp", {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } }),
        }),
        { createContext },
      ).then((r) => r.json() as Promise<{ result: { isError?: boolean } }>);
    const rest = (secret: string, path: string) => handleRestRequest(new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${secret}` } }), path, { createContext });
    const sdk = createClient({
      url: "http://localhost",
      apiKey,
      fetch: async (input, init) => fetchRequestHandler({ endpoint: "/api/trpc", req: new Request(input as string, init), router: appRouter, createContext: ({ req, resHeaders }) => createContext({ headers: req.headers, resHeaders }) }),
    });

    // 7 over MCP (one refused: a task that does not exist is still a call served), 5 over REST with the other key, 9 over the SDK (batched in one HTTP request).
    for (let i = 0; i < 6; i++) expect((await mcp(mcpKey, "orgs_current")).result.isError).toBeFalsy();
    expect((await mcp(mcpKey, "tasks_get", { id: "00000000-0000-4000-8000-000000000000" })).result.isError).toBe(true);
    for (let i = 0; i < 5; i++) expect((await rest(apiKey, "/org")).status).toBe(200);
    await Promise.all(Array.from({ length: 9 }, () => sdk.orgs.current.query()));
    // 3 from a signed-in person (the dashboard), and calls of another organization that must not show.
    const person = await userCaller(h.db, owner, org.id);
    for (let i = 0; i < 3; i++) await person.orgs.current();
    await mcp(otherKey, "orgs_current");
    await rest(otherKey, "/org");

    await flushMeter(h.db);
    const u = await person.usage.summary({ days: 7 });
    expect(u.totals.calls).toBe(7 + 5 + 9 + 3);
    expect(u.totals.errors).toBe(1);
    expect(u.totals.callsBySurface).toEqual({ mcp: 7, rest: 5, trpc: 9 + 3 });
    expect(u.days.at(-1)).toMatchObject({ date: utcDay(), calls: 24 });
    const byKey = Object.fromEntries(u.keys.map((k) => [k.apiKeyId ?? "people", k]));
    expect(byKey[mcpRow.id]).toMatchObject({ name: "agent", calls: 7, errors: 1, bySurface: { mcp: 7, rest: 0, trpc: 0 } });
    expect(byKey[apiRow.id]).toMatchObject({ name: "scripts", calls: 14, bySurface: { mcp: 0, rest: 5, trpc: 9 } });
    expect(byKey.people).toMatchObject({ calls: 3, bySurface: { trpc: 3 } });
    // The summary call itself is counted too, at the next flush.
    await flushMeter(h.db);
    expect((await person.usage.summary({ days: 1 })).totals.calls).toBe(25);
  });

  it("applies a batch once, however often it is retried (a lost acknowledgement)", async () => {
    const { org } = await makeOrg(h.db, "Retried");
    let attempts = 0;
    // The first write commits, then the connection "drops" before the meter hears back.
    const meter = new Meter(async (b) => {
      attempts++;
      await applyBatch(h.db, b);
      if (attempts === 1) throw new Error("connection reset after commit");
    });
    for (let i = 0; i < 40; i++) meter.record({ orgId: org.id, apiKeyId: null, surface: "rest" });
    await meter.flush(); // written, but reported failed: kept with its id
    expect(meter.pendingEvents()).toBe(40);
    meter.record({ orgId: org.id, apiKeyId: null, surface: "rest", n: 2 });
    await meter.flush(); // the same batch again (skipped), then the new one
    meter.stop();
    expect(attempts).toBe(3);
    expect(meter.pendingEvents()).toBe(0);
    const [row] = await h.db.select().from(usageCounters).where(eq(usageCounters.organizationId, org.id));
    expect(row).toMatchObject({ surface: "rest", metric: "calls", apiKeyId: null, value: 42 });
    // applyBatch itself says whether it added anything.
    const batch = { id: crypto.randomUUID(), events: 5, rows: [{ orgId: org.id, day: utcDay(), apiKeyId: null, surface: "rest", metric: "calls", value: 5 }] };
    expect(await applyBatch(h.db, batch)).toBe(true);
    expect(await applyBatch(h.db, batch)).toBe(false);
    const [after] = await h.db.select({ v: usageCounters.value }).from(usageCounters).where(eq(usageCounters.organizationId, org.id));
    expect(after!.v).toBe(47);
    const [logged] = await h.db.select({ n: sql<number>`count(*)::int` }).from(usageBatches).where(eq(usageBatches.id, batch.id));
    expect(logged!.n).toBe(1);
  });

  it("keeps counting while the database refuses writes, and writes it all once it is back", async () => {
    const { org } = await makeOrg(h.db, "Outage");
    let down = true;
    const meter = new Meter(async (b) => {
      if (down) throw new Error("database unavailable");
      await applyBatch(h.db, b);
    }, { intervalMs: 60_000 });
    for (let i = 0; i < 10; i++) meter.record({ orgId: org.id, apiKeyId: null, surface: "mcp" });
    await meter.flush();
    for (let i = 0; i < 5; i++) meter.record({ orgId: org.id, apiKeyId: null, surface: "mcp" });
    await meter.flush();
    expect(meter.pendingEvents()).toBe(15);
    down = false;
    await meter.flush();
    meter.stop();
    const [row] = await h.db.select({ v: usageCounters.value }).from(usageCounters).where(eq(usageCounters.organizationId, org.id));
    expect(row!.v).toBe(15);
  });
});

describe("the meter's batching", () => {
  it("writes on its own: after the interval, at maxEvents, and at once after drain (shutdown)", async () => {
    const written: number[] = [];
    const meter = new Meter(async (b) => void written.push(b.events), { intervalMs: 30, maxEvents: 100 });
    const e = { orgId: "00000000-0000-4000-8000-000000000001", apiKeyId: null, surface: "mcp" };
    meter.record(e);
    meter.record(e);
    expect(written).toEqual([]); // nothing on the caller's path
    await new Promise((r) => setTimeout(r, 80));
    expect(written).toEqual([2]);
    for (let i = 0; i < 100; i++) meter.record(e);
    await meter.flush();
    expect(written).toEqual([2, 100]);
    await meter.drain();
    meter.record(e);
    await new Promise((r) => setImmediate(r)); // well before the 30 ms interval
    expect(written).toEqual([2, 100, 1]);
    meter.stop();
  });

  it("a burst past maxEvents during a slow write costs one follow-up write, not one per call", async () => {
    const written: number[] = [];
    let release!: () => void;
    const meter = new Meter(async (b) => {
      written.push(b.events);
      if (written.length === 1) await new Promise<void>((r) => (release = r));
    }, { maxEvents: 10 });
    const e = { orgId: "00000000-0000-4000-8000-000000000001", apiKeyId: null, surface: "rest" };
    for (let i = 0; i < 20_010; i++) meter.record(e); // the first write starts at 10 and hangs
    release();
    await meter.flush();
    meter.stop();
    expect(written).toEqual([10, 20_000]);
  });
});
