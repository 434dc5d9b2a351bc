import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { memberships, organizations } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { authenticate } from "./users/accounts";
import { verifyApiKey } from "./keys/api-keys";
import { scopes } from "./permissions";
import { seedHooks } from "../seed-hooks";
import { keyCaller } from "../trpc/testing";
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

  it("with every domain's hooks: templates, tasks, a weekly automation, and another organization's paid template and public agent", async () => {
    const fresh = await createTestDb(kind);
    try {
      expect(await seedDemo(fresh.db, { hooks: seedHooks })).toBe(true);
      const orgs = await fresh.db.select().from(organizations);
      const demo = orgs.find((o) => o.slug === "demo")!;
      expect(orgs.map((o) => o.name).sort()).toEqual(["Agent Guild", "Demo"]);
      const [owner] = await fresh.db.select().from(memberships).where(eq(memberships.organizationId, demo.id));
      const api = await keyCaller(fresh.db, demo.id, scopes, owner!.userId);
      const market = await api.templates.search({ scope: "public", limit: 50 });
      expect(market.items.find((t) => t.name === "Release notes (Keep a Changelog)")).toMatchObject({ owned: false, publisher: "Agent Guild", priceCredits: 50 });
      expect(market.items.filter((t) => t.owned)).toHaveLength(3);
      const agents = await api.agents.list({ scope: "public", limit: 50 });
      expect(agents.find((a) => a.name === "Guild accessibility reviewer")).toMatchObject({ owned: false, publisher: "Agent Guild", capabilities: ["a11y", "code:review"] });
      const automations = await api.automations.list();
      expect(automations).toEqual([expect.objectContaining({ name: "Every Monday at 09:00 UTC", status: "active", trigger: { type: "cron", cron: "0 9 * * 1" } })]);
      expect(await api.credits.balance()).toEqual({ balance: 1000, held: 0 });
    } finally {
      await fresh.close();
    }
  });
});
