// The key cache across instances: instance B serves a verified key from its cache; a revoke or a
// role change made through instance A reaches B over the database channel and B stops serving
// the old answer within a second. PostgreSQL carries it between two connections (two instances);
// PGlite within one process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { insertApiKey, verifyApiKey } from "@/server/services/keys/api-keys";
import { scopes } from "@/server/services/permissions";
import { addMember, makeOrg, userCaller } from "@/server/trpc/testing";
import { KeyCache } from "./key-cache";
import { within } from "@/test/within";

describe.each(dbKinds)("API key cache on %s", (kind) => {
  let a: DbHandle & { url?: string };
  let b: DbHandle;
  let cacheB: KeyCache<never>;
  beforeAll(async () => {
    a = await createTestDb(kind);
    // Instance B: its own connection to the same database (PGlite has only the one).
    b = a.url ? await openDb({ kind: "postgres", url: a.url, max: 2 }) : a;
    cacheB = new KeyCache();
    await cacheB.listen(b);
  });
  afterAll(async () => {
    cacheB.stop();
    if (b !== a) await b.close();
    await a.close();
  });

  it("serves B from its cache, and drops a key revoked on A within a second", async () => {
    const { org, owner } = await makeOrg(a.db, "Cached");
    const { key, secret } = await insertApiKey(a.db, { orgId: org.id, name: "agent", scopes, createdBy: owner.id });
    expect(await verifyApiKey(b.db, secret, cacheB)).toMatchObject({ keyId: key.id, role: "owner" });
    expect(cacheB.entries.size).toBe(1);
    const admin = await userCaller(a.db, owner, org.id);
    await admin.apiKeys.revoke({ id: key.id });
    expect(await within(1_000, async () => (await verifyApiKey(b.db, secret, cacheB)) === null)).toBe(true);
  });

  it("applies a role change and a removal made on A to B's cached keys within a second", async () => {
    const { org, owner } = await makeOrg(a.db, "Roles");
    const member = await addMember(a.db, org.id, "admin");
    const { secret } = await insertApiKey(a.db, { orgId: org.id, name: "admin key", scopes, createdBy: member.id });
    expect((await verifyApiKey(b.db, secret, cacheB))?.scopes).toContain("keys:write");
    const boss = await userCaller(a.db, owner, org.id);
    await boss.orgs.changeRole({ userId: member.id, role: "viewer" });
    expect(await within(1_000, async () => !(await verifyApiKey(b.db, secret, cacheB))?.scopes.includes("keys:write"))).toBe(true);
    expect((await verifyApiKey(b.db, secret, cacheB))?.role).toBe("viewer");
    await boss.orgs.removeMember({ userId: member.id });
    expect(await within(1_000, async () => (await verifyApiKey(b.db, secret, cacheB)) === null)).toBe(true);
  });
});
