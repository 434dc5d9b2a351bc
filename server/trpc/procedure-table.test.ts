// One table over every organization-scoped procedure in the router, generated from it:
// anonymous → UNAUTHORIZED; a key lacking the scope → FORBIDDEN; bad input → BAD_REQUEST naming
// a field, with no write; another organization's resource → NOT_FOUND, with no write.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { callProcedure, scopedProcedures } from "./catalog";
import { crossTenantFixtures } from "./cross-tenant-fixtures";
import { describeError } from "./describe-error";
import { anonymousCaller, keyContext, makeOrg } from "./testing";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb("pglite");
});
afterAll(() => h.close());

const resourceField = /^(id|\w+Id)$/;

/** Row counts of every table: a failed call must leave them all as they were. */
async function snapshot() {
  const tables = rowsOf<{ tablename: string }>(await h.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`));
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    if (tablename === "api_keys") continue; // last_used_at is touched by authentication itself
    const [row] = rowsOf<{ n: number }>(await h.db.execute(sql.raw(`select count(*)::int as n from "${tablename}"`)));
    counts[tablename] = row!.n;
  }
  return counts;
}

const entries = scopedProcedures();

describe("every organization-scoped procedure", () => {
  it("is covered: procedures naming a resource have a cross-tenant fixture", () => {
    const missing = entries
      .filter((e) => Object.keys((e.input as { shape?: Record<string, unknown> } | null)?.shape ?? {}).some((k) => resourceField.test(k)))
      .filter((e) => !crossTenantFixtures[e.path])
      .map((e) => e.path);
    expect(missing).toEqual([]);
  });

  it.each(entries.map((e) => [e.path, e] as const))("%s: anonymous → UNAUTHORIZED", async (_p, e) => {
    const caller = anonymousCaller(h.db) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
    const [ns, fn] = e.path.split(".") as [string, string];
    await expect(caller[ns]![fn]!({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it.each(entries.map((e) => [e.path, e] as const))("%s: a key without its scope → FORBIDDEN, nothing written", async (_p, e) => {
    const { org } = await makeOrg(h.db, "NoScope");
    const ctx = await keyContext(h.db, org.id, scopes.filter((s) => s !== e.meta.scope));
    const before = await snapshot();
    await expect(callProcedure(ctx, e.path, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);
  });

  it.each(entries.filter((e) => e.input).map((e) => [e.path, e] as const))("%s: bad input → BAD_REQUEST naming a field, nothing written", async (_p, e) => {
    const { org } = await makeOrg(h.db, "BadInput");
    const ctx = await keyContext(h.db, org.id, scopes);
    const before = await snapshot();
    const err = await callProcedure(ctx, e.path, { id: 42, limit: "many", name: 7, email: false, userId: 1, role: "emperor", scopes: "all" }).then(
      () => null,
      (x: unknown) => x,
    );
    // Procedures whose every field is optional may accept unknown keys; those with fields must refuse bad types.
    if (err) {
      const described = describeError(err);
      expect(described.status).toBe(400);
      expect(described.fields?.length).toBeGreaterThan(0);
      expect(described.message).toContain(described.fields![0]!.path);
    }
    expect(await snapshot()).toEqual(before);
  });

  it.each(Object.keys(crossTenantFixtures).map((p) => [p] as const))("%s: another organization's resource → NOT_FOUND, nothing written", async (path) => {
    const victim = await makeOrg(h.db, "Victim");
    const attacker = await makeOrg(h.db, "Attacker");
    const input = await crossTenantFixtures[path]!(h.db, { orgId: victim.org.id, ownerId: victim.owner.id });
    const ctx = await keyContext(h.db, attacker.org.id, scopes);
    const before = await snapshot();
    await expect(callProcedure(ctx, path, input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
  });
});

