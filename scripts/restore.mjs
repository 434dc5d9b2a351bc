// `npm run restore -- <archive>`: an archive from `npm run backup` into an empty deployment — an empty
// PostgreSQL database (DATABASE_URL) or, for an embedded backup, an empty DATA_DIR — then its files
// into DATA_DIR; the row count of every table must equal the manifest's, or the restore fails.
import { Blob } from "node:buffer";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { countRows, FORMAT, run, target } from "./backup-lib.mjs";

const archive = process.argv[2];
const { dataDir, databaseUrl, pgliteDir } = target();
const stage = mkdtempSync(path.join(os.tmpdir(), "cmp-restore-"));
const t = Date.now();

function diff(expected, actual) {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...names].filter((n) => expected[n] !== actual[n]).map((n) => `${n}: backup ${expected[n] ?? "absent"}, restored ${actual[n] ?? "absent"}`);
}

try {
  if (!archive || !existsSync(archive)) throw new Error("usage: npm run restore -- <archive.tar.gz>");
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new Error(`DATA_DIR ${dataDir} is not empty: restore into an empty deployment`);
  await run("tar", ["-xzf", path.resolve(archive), "-C", stage]);
  const manifest = JSON.parse(readFileSync(path.join(stage, "manifest.json"), "utf8"));
  if (manifest.format !== FORMAT) throw new Error(`archive format ${manifest.format} is not ${FORMAT}`);
  let counts;
  if (manifest.db === "postgres") {
    if (!databaseUrl) throw new Error("this is a PostgreSQL backup: set DATABASE_URL to an empty database");
    const { default: postgres } = await import("postgres");
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [{ n }] = await sql`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
      if (n > 0) throw new Error("the database named by DATABASE_URL is not empty: restore into an empty one");
      await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${databaseUrl}`, path.join(stage, "db.dump")]);
      counts = await countRows((text) => sql.unsafe(text));
    } finally {
      await sql.end();
    }
  } else {
    if (databaseUrl) throw new Error("this is an embedded (PGlite) backup: unset DATABASE_URL to restore it into DATA_DIR");
    const { PGlite } = await import("@electric-sql/pglite");
    mkdirSync(pgliteDir, { recursive: true });
    const client = await PGlite.create({ dataDir: pgliteDir, loadDataDir: new Blob([readFileSync(path.join(stage, "pglite.tar.gz"))]) });
    try {
      counts = await countRows(async (text) => (await client.query(text)).rows);
    } finally {
      await client.close();
    }
  }
  mkdirSync(dataDir, { recursive: true });
  cpSync(path.join(stage, "data"), dataDir, { recursive: true, preserveTimestamps: true });
  const problems = diff(manifest.counts, counts);
  if (problems.length) throw new Error(`row counts differ from the backup's:\n  ${problems.join("\n  ")}`);
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`restore: ${manifest.db} backup of ${manifest.createdAt}, ${Object.keys(counts).length} tables, ${rows} rows, counts match, in ${Date.now() - t} ms`);
} catch (err) {
  console.error(`restore failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
