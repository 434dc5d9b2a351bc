// Test databases: a fresh, migrated PostgreSQL database or in-memory PGlite per test file.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type DbHandle, migrateDb, openDb } from "./client";

export type DbKind = "pglite" | "postgres";
export const dbKinds: DbKind[] = ["pglite", "postgres"];

const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function createTestDb(kind: DbKind): Promise<DbHandle & { url?: string }> {
  if (kind === "pglite") {
    const handle = await openDb({ kind: "pglite" });
    await migrateDb(handle);
    return handle;
  }
  const name = `cmp_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDb({ kind: "postgres", url: url.toString(), max: 5 });
  await migrateDb(handle);
  const close = handle.close;
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await close();
      const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await drop.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  } as DbHandle & { url: string };
}
