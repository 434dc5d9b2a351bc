import "server-only";
// The app's database, opened once per process: migrated, seeded on first start, then shared.
import path from "node:path";
import { type Db, type DbHandle, migrateDb, openDb, withStartupLock } from "@/db/client";
import { env } from "./env";
import { logger } from "./logger";
import { seedHooks } from "./seed-hooks";
import { seedDemo } from "./services/seed";

const g = globalThis as unknown as { __cmpDb?: Promise<DbHandle> };

async function boot(): Promise<DbHandle> {
  const started = Date.now();
  const handle = env.DATABASE_URL
    ? await openDb({ kind: "postgres", url: env.DATABASE_URL })
    : await openDb({ kind: "pglite", dataDir: path.resolve(env.DATA_DIR, "pglite") });
  const shouldSeed = handle.kind === "pglite" || env.SEED_DEMO;
  const seeded = await withStartupLock(handle, async () => {
    await migrateDb(handle);
    return shouldSeed ? seedDemo(handle.db, { apiKeySecret: env.SEED_API_KEY, hooks: seedHooks }) : false;
  });
  logger.info({ db: handle.kind, seeded, ms: Date.now() - started }, "database ready");
  return handle;
}

/** The process-wide database handle (kept on globalThis so hot reload does not reopen it). */
export function dbHandle(): Promise<DbHandle> {
  g.__cmpDb ??= boot().catch((err) => {
    g.__cmpDb = undefined;
    throw err;
  });
  return g.__cmpDb;
}

export async function getDb(): Promise<Db> {
  return (await dbHandle()).db;
}
