import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { organizations } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { authenticate } from "./users/accounts";
import { verifyApiKey } from "./keys/api-keys";
import { scopes } from "./permissions";
import { demoLogin, seedDemo } from "./seed";

describe.each(dbKinds)("demo seed on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("seeds Demo once, with the demo login and the exact SEED_API_KEY secret, even when started twice at once", async () => {
    const secret = `cmp_${"s".repeat(40)}`;
    const results = await Promise.all([seedDemo(h.db, { apiKeySecret: secret }), seedDemo(h.db, { apiKeySecret: secret })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await seedDemo(h.db, { apiKeySecret: secret })).toBe(false);
    const orgs = await h.db.select().from(organizations);
    expect(orgs.map((o) => o.name)).toEqual(["Demo"]);
    expect(await authenticate(h.db, demoLogin.email, demoLogin.password)).not.toBeNull();
    const key = await verifyApiKey(h.db, secret);
    expect(key?.orgId).toBe(orgs[0]!.id);
    expect(key?.scopes).toEqual([...scopes]);
  });
});
