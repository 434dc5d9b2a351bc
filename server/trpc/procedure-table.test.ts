// One table over every organization-scoped procedure in the router, generated from it:
// anonymous → UNAUTHORIZED; a key lacking the scope → FORBIDDEN; bad input → BAD_REQUEST naming
// a field, with no write; another organization's resource → NOT_FOUND, with no write.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { type CatalogEntry, callProcedure, jsonSchemaOf, scopedProcedures, toJson } from "./catalog";
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

type Schema = { type?: string | string[]; enum?: unknown[]; properties?: Record<string, Schema> };
/** A value of the wrong type for every typed field of a procedure's input; null when it has none. */
function badInputFor(e: CatalogEntry): Record<string, unknown> | null {
  if (!e.input) return null;
  const props = (jsonSchemaOf(e.input, "input") as Schema).properties ?? {};
  const wrong: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(props)) {
    const t = Array.isArray(p.type) ? p.type.find((x) => x !== "null") : p.type;
    if (p.enum) wrong[k] = "emperor";
    else if (t === "string") wrong[k] = 42;
    else if (t === "number" || t === "integer") wrong[k] = "many";
    else if (t === "boolean") wrong[k] = "maybe";
    else if (t === "array") wrong[k] = "all";
    else if (t === "object") wrong[k] = 7;
  }
  return Object.keys(wrong).length ? wrong : null;
}

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

  it.each(entries.filter((e) => badInputFor(e)).map((e) => [e.path, e] as const))("%s: bad input → BAD_REQUEST naming a field, nothing written", async (_p, e) => {
    const { org } = await makeOrg(h.db, "BadInput");
    const ctx = await keyContext(h.db, org.id, scopes);
    const before = await snapshot();
    const err = await callProcedure(ctx, e.path, badInputFor(e)).then(
      () => null,
      (x: unknown) => x,
    );
    // Every typed field holds a value of the wrong type: the call must be refused.
    expect(err, `${e.path} accepted ${JSON.stringify(badInputFor(e))}`).not.toBeNull();
    const described = describeError(err);
    expect(described.status).toBe(400);
    expect(described.fields?.length).toBeGreaterThan(0);
    expect(described.message).toContain(described.fields![0]!.path);
    expect(await snapshot()).toEqual(before);
  });

  it("lists and reads never include another organization's rows", async () => {
    // The victim gets one of every resource the cross-tenant fixtures make (none of them public).
    const victim = await makeOrg(h.db, "ListVictim");
    const secrets = new Set<string>([victim.org.id, victim.owner.id]);
    for (const make of Object.values(crossTenantFixtures)) {
      const input = await make(h.db, { orgId: victim.org.id, ownerId: victim.owner.id });
      for (const [k, v] of Object.entries(input)) if (resourceField.test(k) && typeof v === "string") secrets.add(v);
    }
    const attacker = await makeOrg(h.db, "ListAttacker");
    const ctx = await keyContext(h.db, attacker.org.id, scopes);
    let checked = 0;
    for (const e of entries.filter((x) => x.meta.kind === "read")) {
      let out: unknown;
      try {
        out = await callProcedure(ctx, e.path, e.input ? { limit: 100 } : undefined);
      } catch {
        try {
          out = await callProcedure(ctx, e.path, e.input ? {} : undefined);
        } catch {
          continue; // needs a resource id: covered by the NOT_FOUND table
        }
      }
      checked++;
      const text = JSON.stringify(toJson(out));
      for (const id of secrets) expect(text.includes(id), `${e.path} returned the victim's ${id}`).toBe(false);
    }
    expect(checked).toBeGreaterThanOrEqual(15);
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

