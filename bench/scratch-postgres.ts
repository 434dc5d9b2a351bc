// A fresh, migrated PostgreSQL database for one benchmark, dropped afterwards.
import { sql } from "drizzle-orm";
import { type DbHandle, migrateDb, openDb } from "../db/client";

export async function withScratchPostgres<T>(name: string, fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const admin = await openDb({ kind: "postgres", url: "postgres://postgres@127.0.0.1:5432/postgres", max: 1 });
  const dbName = `bench_${name}_${process.pid}`;
  try {
    await admin.db.execute(sql.raw(`drop database if exists ${dbName}`));
    await admin.db.execute(sql.raw(`create database ${dbName}`));
    const h = await openDb({ kind: "postgres", url: `postgres://postgres@127.0.0.1:5432/${dbName}`, max: 10 });
    try {
      await migrateDb(h);
      return await fn(h);
    } finally {
      await h.close();
    }
  } finally {
    await admin.db.execute(sql.raw(`drop database if exists ${dbName}`)).catch(() => {});
    await admin.close();
  }
}
