// Newest-first lists page without skipping or repeating rows written in the same transaction
// (the same timestamp to the microsecond), and refuse a cursor they did not hand out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { audit } from "./services/audit/audit";

describe.each(dbKinds)("keyset pagination on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("walks every row written in one transaction exactly once, two at a time", async () => {
    const { org, owner } = await makeOrg(h.db, "Pages");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    const before = await api.orgs.audit({ limit: 100 });
    await h.db.transaction(async (tx) => {
      for (let i = 0; i < 7; i++) await audit({ db: tx, orgId: org.id, actor: { type: "system", label: "test" } }, "test.same_instant", null, { i });
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await api.orgs.audit({ limit: 2, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(before.items.length + 7);
    await expect(api.orgs.audit({ limit: 2, cursor: "2026-11-30T01:00:00.000Z" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("cursor") });
  });
});
