// Opens the database: PGlite (embedded, in a folder) or PostgreSQL (postgres.js).
// The caller decides which from configuration; db/ never reads the environment.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Either driver, as services see it. Transactions have the same shape. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database or a transaction: what services accept. */
export type DbOrTx = Db | Tx;

export type DbHandle =
  | { kind: "pglite"; db: Db; client: PGlite; close: () => Promise<void> }
  | { kind: "postgres"; db: Db; client: postgres.Sql; close: () => Promise<void> };

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export type OpenDbOptions =
  | { kind: "postgres"; url: string; max?: number }
  | { kind: "pglite"; dataDir?: string /* undefined = in memory */ };

export async function openDb(opts: OpenDbOptions): Promise<DbHandle> {
  if (opts.kind === "postgres") {
    const client = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return { kind: "postgres", db, client, close: () => client.end({ timeout: 5 }) };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = await PGlite.create(opts.dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { kind: "pglite", db, client, close: () => client.close() };
}

/** Applies the committed drizzle-kit migrations; the same files serve both drivers. */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.kind === "postgres") {
    await migratePostgres(handle.db as never, { migrationsFolder });
  } else {
    await migratePglite(handle.db as never, { migrationsFolder });
  }
}

/** A constant key for the start-up advisory lock ("cmp-start" as a 32-bit number). */
const STARTUP_LOCK_KEY = 0x636d7073;

/**
 * Runs `fn` (migrations, the first-start seed) while holding a PostgreSQL session advisory lock
 * on one reserved connection, so any number of instances may start at the same moment: the
 * first migrates, the others wait, then find nothing left to do. PGlite belongs to one process.
 */
export async function withStartupLock<T>(handle: DbHandle, fn: () => Promise<T>): Promise<T> {
  if (handle.kind === "pglite") return fn();
  const reserved = await handle.client.reserve();
  try {
    await reserved`select pg_advisory_lock(${STARTUP_LOCK_KEY})`;
    try {
      return await fn();
    } finally {
      await reserved`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`;
    }
  } finally {
    reserved.release();
  }
}

/** Rows of a raw `db.execute(sql…)` result: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
