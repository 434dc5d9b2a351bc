// The layered cache with the real Redis as L2 (through the Upstash bridge) and the database
// channel carrying invalidations: instance B is served what A loaded, through L2; an invalidation
// committed on the database reaches both within a second, in L1 and L2; a load that overlaps an
// invalidation stores nothing. PostgreSQL: two connections (two instances); PGlite: one process.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { makeRedis } from "@/server/adapters/redis";
import { startUpstashBridge } from "@/test/upstash-bridge";
import { ALL_SCOPES, LayeredCache, publishInvalidation } from "./layered-cache";
import { within } from "@/test/within";

let bridge: Awaited<ReturnType<typeof startUpstashBridge>>;
beforeAll(async () => {
  bridge = await startUpstashBridge({ token: "test-token" });
});
afterAll(() => bridge.close());

describe.each(dbKinds)("layered cache with Redis L2 on %s", (kind) => {
  let a: DbHandle & { url?: string };
  let b: DbHandle;
  let cacheA: LayeredCache<{ n: number; at: Date }>;
  let cacheB: LayeredCache<{ n: number; at: Date }>;
  let loads = 0;
  const load = async () => ({ n: ++loads, at: new Date(1_700_000_000_000) });
  beforeAll(async () => {
    a = await createTestDb(kind);
    b = a.url ? await openDb({ kind: "postgres", url: a.url, max: 2 }) : a;
    const redis = makeRedis({ url: bridge.url, token: "test-token" });
    const opts = { space: "things", ttlMs: 60_000, maxEntries: 100, redisPrefix: `t:${randomBytes(4).toString("hex")}:` };
    cacheA = new LayeredCache(opts);
    cacheB = new LayeredCache(opts);
    await cacheA.listen(a, { redis });
    await cacheB.listen(b, { redis });
  });
  afterAll(async () => {
    cacheA.stop();
    cacheB.stop();
    if (b !== a) await b.close();
    await a.close();
  });

  it("serves B what A loaded (through L2, values intact), until an invalidation commits", async () => {
    loads = 0;
    const first = await cacheA.read("org1", "page", load);
    expect(first.n).toBe(1);
    const onB = await cacheB.read("org1", "page", load);
    expect(onB).toEqual({ n: 1, at: new Date(1_700_000_000_000) });
    expect(onB.at).toBeInstanceOf(Date);
    expect(loads).toBe(1);
    await a.db.transaction((tx) => publishInvalidation(tx, { space: "things", scope: "org1" }));
    // Each instance moves the scope's L2 version on as it hears the commit, so what one stored
    // before the other heard it is dropped too: a reload or two, never an old value.
    expect(await within(1_000, async () => (await cacheB.read("org1", "page", load)).n >= 2)).toBe(true);
    expect(await within(1_000, async () => (await cacheA.read("org1", "page", load)).n >= 2)).toBe(true);
  });

  it("keeps other scopes, and drops all of them for an invalidation of every scope", async () => {
    loads = 0;
    await cacheA.read("x", "k", load);
    await cacheA.read("y", "k", load);
    await a.db.transaction((tx) => publishInvalidation(tx, { space: "things", scope: "x" }));
    expect(await within(1_000, async () => (await cacheB.read("x", "k", load)).n >= 3)).toBe(true);
    expect((await cacheB.read("y", "k", load)).n).toBe(2);
    const before = loads;
    await a.db.transaction((tx) => publishInvalidation(tx, { space: ALL_SCOPES, scope: ALL_SCOPES }));
    expect(await within(1_000, async () => (await cacheB.read("y", "k", load)).n > before)).toBe(true);
  });

  it("stores nothing a load read while an invalidation went by", async () => {
    loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = cacheA.read("org2", "page", async () => {
      await gate;
      return load();
    });
    await cacheA.invalidate("org2");
    release();
    expect((await slow).n).toBe(1);
    // Neither A's L1 nor L2 kept it: B and A both load afresh.
    expect((await cacheB.read("org2", "page", load)).n).toBe(2);
    expect((await cacheA.read("org2", "page", load)).n).toBe(2);
  });

  it("reads straight through when it is not listening", async () => {
    const idle = new LayeredCache<number>({ space: "idle", ttlMs: 60_000, maxEntries: 10 });
    let n = 0;
    await idle.read("s", "k", async () => ++n);
    await idle.read("s", "k", async () => ++n);
    expect(n).toBe(2);
  });
});
