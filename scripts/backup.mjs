// `npm run backup [-- --out file]`: one archive of this deployment — the database (PostgreSQL via
// pg_dump in custom format from one snapshot, whose row counts go in the manifest; or the embedded
// PGlite's dumpDataDir, with the server stopped) and DATA_DIR's files (blobs, generated secrets).
// Files are copied after the snapshot, so every blob the dumped rows name is in the archive.
import { Buffer } from "node:buffer";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { countRows, FORMAT, run, target } from "./backup-lib.mjs";

const { values } = parseArgs({ options: { out: { type: "string" }, force: { type: "boolean" } } });
const { dataDir, databaseUrl, pgliteDir } = target();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const out = path.resolve(values.out ?? path.join("backups", `cloud-mcp-${stamp}.tar.gz`));
const stage = mkdtempSync(path.join(os.tmpdir(), "cmp-backup-"));
const t = Date.now();

try {
  let counts;
  let db;
  if (databaseUrl) {
    db = "postgres";
    const { default: postgres } = await import("postgres");
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      // One snapshot for the counts and the dump: the manifest describes exactly what was dumped.
      await sql.begin("isolation level repeatable read read only", async (tx) => {
        const [{ snapshot }] = await tx`select pg_export_snapshot() as snapshot`;
        counts = await countRows((text) => tx.unsafe(text));
        await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--snapshot=${snapshot}`, `--file=${path.join(stage, "db.dump")}`, `--dbname=${databaseUrl}`]);
      });
    } finally {
      await sql.end();
    }
  } else {
    db = "pglite";
    if (!existsSync(pgliteDir)) throw new Error(`no embedded database at ${pgliteDir} (set DATA_DIR, or DATABASE_URL for PostgreSQL)`);
    // PGlite takes no lock: opened beside a running server, both would write the same files. Its
    // postmaster.pid exists while a process has the folder open (and after a crash: --force then).
    if (existsSync(path.join(pgliteDir, "postmaster.pid")) && !values.force) {
      throw new Error(`the embedded database in ${pgliteDir} is in use: stop the server first (after a crash, with the server stopped: --force)`);
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const client = await PGlite.create(pgliteDir);
    try {
      counts = await countRows(async (text) => (await client.query(text)).rows);
      const dump = await client.dumpDataDir("gzip");
      writeFileSync(path.join(stage, "pglite.tar.gz"), Buffer.from(await dump.arrayBuffer()));
    } finally {
      await client.close();
    }
  }
  mkdirSync(path.join(stage, "data"));
  if (existsSync(dataDir)) {
    for (const name of readdirSync(dataDir)) {
      if (name === "pglite" || name === "test-reports") continue;
      cpSync(path.join(dataDir, name), path.join(stage, "data", name), { recursive: true, preserveTimestamps: true });
    }
  }
  writeFileSync(path.join(stage, "manifest.json"), JSON.stringify({ format: FORMAT, createdAt: new Date().toISOString(), db, counts }, null, 2));
  mkdirSync(path.dirname(out), { recursive: true });
  await run("tar", ["-czf", out, "-C", stage, "."]);
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`backup: ${out} (${db}, ${Object.keys(counts).length} tables, ${rows} rows, ${(statSync(out).size / 1024).toFixed(0)} KiB) in ${Date.now() - t} ms`);
} catch (err) {
  console.error(`backup failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
