// Shared by backup.mjs and restore.mjs: where things are, row counts per table, and the archive
// layout — manifest.json, db.dump (pg_dump custom format) or pglite.tar.gz (PGlite's dumpDataDir),
// and data/ (DATA_DIR without the embedded database: blobs, generated secrets).
import { spawn } from "node:child_process";
import path from "node:path";

export const FORMAT = 1;

export function target(env = process.env) {
  const dataDir = path.resolve(env.DATA_DIR?.trim() || "./.data");
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  return { dataDir, databaseUrl, pgliteDir: path.join(dataDir, "pglite") };
}

const tablesSql = `select table_schema as s, table_name as t from information_schema.tables
  where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`;

/** Row counts of every table, with `query(text) => rows` from either driver. */
export async function countRows(query) {
  const counts = {};
  for (const { s, t } of await query(tablesSql)) {
    const [row] = await query(`select count(*)::int as n from "${s}"."${t}"`);
    counts[`${s}.${t}`] = Number(row.n);
  }
  return counts;
}

export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "pipe"], ...opts });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err.trim()}`))));
  });
}
