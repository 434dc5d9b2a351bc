import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "./client";
import { organizations } from "./schema";
import { createTestDb, dbKinds } from "./testing";

describe.each(dbKinds)("migrations on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("creates every table and enforces unique slugs", async () => {
    const rows = await h.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    const names = rowsOf<{ table_name: string }>(rows).map((r) => r.table_name);
    expect(names).toEqual(expect.arrayContaining(["organizations", "users", "memberships", "invitations", "api_keys", "audit_log", "accounts"]));
    await h.db.insert(organizations).values({ name: "A", slug: "a" });
    await expect(h.db.insert(organizations).values({ name: "B", slug: "a" })).rejects.toThrow();
  });
});
