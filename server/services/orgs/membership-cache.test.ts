// A person's cached memberships across instances: a role change, a removal and an organization's
// rename made through A reach B's cache within a second (triggers → cmp_cache); a plan change
// drops the organization's verified keys everywhere (their rate limits follow the plan); a
// person's own new organization shows on their very next request.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { LayeredCache } from "@/server/adapters/cache/layered-cache";
import { insertApiKey, verifyApiKey } from "@/server/services/keys/api-keys";
import { KeyCache } from "@/server/services/keys/key-cache";
import { scopes } from "@/server/services/permissions";
import { addMember, makeOrg, makeUser, userCaller } from "@/server/trpc/testing";
import { membershipCache, myOrganizationsCached } from "./membership-cache";
import type { MyOrganization } from "./organizations";
import { within } from "@/test/within";

describe.each(dbKinds)("membership cache on %s", (kind) => {
  let a: DbHandle & { url?: string };
  let b: DbHandle;
  let cacheB: LayeredCache<MyOrganization[]>;
  let keysB: KeyCache<never>;
  beforeAll(async () => {
    a = await createTestDb(kind);
    b = a.url ? await openDb({ kind: "postgres", url: a.url, max: 2 }) : a;
    cacheB = new LayeredCache({ space: "memberships", ttlMs: 60_000, maxEntries: 100 });
    await cacheB.listen(b);
    keysB = new KeyCache();
    await keysB.listen(b);
    await membershipCache().listen(a);
  });
  afterAll(async () => {
    cacheB.stop();
    keysB.stop();
    membershipCache().stop();
    if (b !== a) await b.close();
    await a.close();
  });

  it("applies a role change, an organization's rename and a removal made on A to B within a second", async () => {
    const { org, owner } = await makeOrg(a.db, "Members");
    const person = await addMember(a.db, org.id, "member");
    const mine = () => myOrganizationsCached(b.db, person.id, cacheB);
    expect((await mine()).map((o) => o.role)).toEqual(["member"]);
    const boss = await userCaller(a.db, owner, org.id);
    await boss.orgs.changeRole({ userId: person.id, role: "admin" });
    expect(await within(1_000, async () => (await mine())[0]?.role === "admin")).toBe(true);
    await boss.orgs.rename({ name: "Renamed org" });
    expect(await within(1_000, async () => (await mine())[0]?.name === "Renamed org")).toBe(true);
    await boss.orgs.removeMember({ userId: person.id });
    expect(await within(1_000, async () => (await mine()).length === 0)).toBe(true);
  });

  it("drops the organization's verified keys on every instance when its plan changes", async () => {
    const { org, owner } = await makeOrg(a.db, "Plans");
    const { secret } = await insertApiKey(a.db, { orgId: org.id, name: "agent", scopes, createdBy: owner.id });
    expect((await verifyApiKey(b.db, secret, keysB))?.plan).toBe("free");
    await a.db.execute(sql`update organizations set plan = 'team' where id = ${org.id}`);
    expect(await within(1_000, async () => (await verifyApiKey(b.db, secret, keysB))?.plan === "team")).toBe(true);
  });

  it("shows a person their own new organization on their very next request", async () => {
    const user = await makeUser(a.db, "founder");
    expect(await myOrganizationsCached(a.db, user.id)).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const org = await (await userCaller(a.db, user, null)).orgs.create({ name: `Mine ${i}` });
      expect((await myOrganizationsCached(a.db, user.id)).map((o) => o.id)).toContain(org.id);
    }
  });
});
