// Test databases: a fresh, migrated database per test file (PostgreSQL or in-memory PGlite).
// Migrating from nothing costs seconds per database (PGlite's initdb alone is most of it), so
// each kind is migrated once per set of migrations into a template — a PGlite data-directory
// dump, a PostgreSQL template database — and every test database is a copy of it. The template's
// name carries a hash of the migration files, so a changed migration makes a new one.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import postgres from "postgres";
import * as schema from "./schema";
import { type Db, type DbHandle, migrateDb, migrationsFolder, openDb } from "./client";

export type DbKind = "pglite" | "postgres";
export const dbKinds: DbKind[] = ["pglite", "postgres"];

const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const templateDir = path.join(process.cwd(), ".data", "test-templates");

/** A short hash of every migration file (names and contents): the templates' version. */
function migrationsHash(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      hash.update(path.relative(migrationsFolder, file));
      if (entry.isDirectory()) walk(file);
      else hash.update(readFileSync(file));
    }
  };
  walk(migrationsFolder);
  return hash.digest("hex").slice(0, 12);
}

let hashOnce: string | undefined;
const templateHash = () => (hashOnce ??= migrationsHash());
const pgliteTemplateFile = () => path.join(templateDir, `pglite-${templateHash()}.tar`);
const postgresTemplateName = () => `cmp_test_template_${templateHash()}`;

/** The migrated PGlite data directory as a tar, made once (written atomically: racing makers both succeed). */
async function pgliteTemplate(): Promise<Blob> {
  const file = pgliteTemplateFile();
  if (!existsSync(file)) {
    const client = await PGlite.create();
    await migrateDb({ kind: "pglite", db: drizzlePglite(client, { schema }) as unknown as Db, client, close: () => client.close() });
    const dump = await client.dumpDataDir("none");
    await client.close();
    mkdirSync(templateDir, { recursive: true });
    const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}

/** The migrated PostgreSQL template database, made once; concurrent makers serialize on an advisory lock. */
async function postgresTemplate(): Promise<string> {
  const name = postgresTemplateName();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const ready = async () => (await admin<{ ok: boolean }[]>`select exists(select 1 from pg_database where datname = ${name} and datistemplate) as ok`)[0]!.ok;
    if (await ready()) return name;
    await admin`select pg_advisory_lock(hashtext(${name}))`;
    if (!(await ready())) {
      const building = `${name}_building`;
      await admin.unsafe(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${building}`);
      const url = new URL(adminUrl);
      url.pathname = `/${building}`;
      const handle = await openDb({ kind: "postgres", url: url.toString(), max: 1 });
      await migrateDb(handle);
      await handle.close();
      await admin.unsafe(`ALTER DATABASE ${building} RENAME TO ${name}`);
      await admin.unsafe(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
    }
    await admin`select pg_advisory_unlock(hashtext(${name}))`;
    return name;
  } finally {
    await admin.end();
  }
}

/** Makes both templates ahead of the test files (Vitest's global set-up), so no file waits on it. */
export async function prepareTestTemplates(): Promise<void> {
  await Promise.all([pgliteTemplate(), postgresTemplate()]);
}

export async function createTestDb(kind: DbKind): Promise<DbHandle & { url?: string }> {
  if (kind === "pglite") {
    const client = await PGlite.create({ loadDataDir: await pgliteTemplate() });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return { kind: "pglite", db, client, close: () => client.close() };
  }
  const template = await postgresTemplate();
  const name = `cmp_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDb({ kind: "postgres", url: url.toString(), max: 5 });
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
