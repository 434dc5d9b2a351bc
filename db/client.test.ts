import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, migrateDb, migrationsFolder, openDb, rowsOf, withStartupLock } from "./client";
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

describe("instances starting at the same moment on PostgreSQL", () => {
  it("migrate one at a time under the start-up lock: every start succeeds, each migration runs once", async () => {
    const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const name = `cmp_test_start_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const instances = await Promise.all([1, 2, 3].map(() => openDb({ kind: "postgres", url: url.toString(), max: 3 })));
    try {
      // Without the lock a second instance fails (`schema "drizzle"` / `type "role"` already exists).
      await Promise.all(instances.map((h) => withStartupLock(h, () => migrateDb(h))));
      const applied = rowsOf<{ n: number }>(await instances[0]!.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
      const files = readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql"));
      expect(applied[0]!.n).toBe(files.length);
    } finally {
      await Promise.all(instances.map((h) => h.close()));
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
