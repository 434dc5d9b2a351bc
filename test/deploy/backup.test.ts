// The backup drill: a PostgreSQL deployment is seeded and generates a ZIP, `npm run backup` archives
// it, more is written, `npm run restore` brings the archive into a fresh database and data dir, and a
// server started there has the backup's row counts and still serves the old generation's ZIP through
// its old link (signed with the secret generated into DATA_DIR, which the archive carries). The
// embedded database's path (PGlite dumpDataDir) is drilled too, without a server.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateDb, openDb, rowsOf } from "@/db/client";
import { ensureBuilt } from "@/scripts/ensure-build.mjs";
import { createEmptyDatabase, freePort, type Instance, root, seedApiKey, startInstance, waitFor } from "./harness";

const exec = promisify(execFile);
const scratch = mkdtempSync(path.join(os.tmpdir(), "cmp-drill-"));
const dbs: Awaited<ReturnType<typeof createEmptyDatabase>>[] = [];
const running: Instance[] = [];
const sha = (b: ArrayBuffer) => createHash("sha256").update(Buffer.from(b)).digest("hex");

async function serve(databaseUrl: string, dataDir: string) {
  const port = await freePort();
  const i = startInstance(["scripts/serve.mjs"], { PORT: String(port), DATABASE_URL: databaseUrl, DATA_DIR: dataDir, SEED_DEMO: "1", SEED_API_KEY: seedApiKey, APP_URL: `http://127.0.0.1:${port}` });
  running.push(i);
  await waitFor(`server ready (${i.output().slice(-500)})`, async () => (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status === 200, 90_000, 250);
  return { i, origin: `http://127.0.0.1:${port}` };
}

async function mcp(origin: string) {
  const client = new Client({ name: "drill", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${origin}/api/mcp`), { requestInit: { headers: { authorization: `Bearer ${seedApiKey}` } } }));
  const call = async (name: string, args: Record<string, unknown>) => {
    const res = await client.callTool({ name, arguments: args });
    expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
    return res.structuredContent as Record<string, unknown>;
  };
  return { client, call };
}

async function counts(url: string) {
  const s = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [tasks] = await s`select count(*)::int as n from tasks`;
    const [gens] = await s`select count(*)::int as n from generations`;
    return { tasks: tasks!.n as number, generations: gens!.n as number };
  } finally {
    await s.end();
  }
}

const script = (name: string, args: string[], env: Record<string, string | undefined>) =>
  exec(process.execPath, [path.join(root, "scripts", name), ...args], { cwd: root, env: { PATH: process.env.PATH, ...env } as unknown as NodeJS.ProcessEnv });

beforeAll(async () => {
  await ensureBuilt({ stdio: "ignore", log: () => {} });
}, 240_000);

afterAll(async () => {
  await Promise.all(running.map((i) => i.stop()));
  for (const d of dbs) await d.drop();
  rmSync(scratch, { recursive: true, force: true });
});

it("backs up a PostgreSQL deployment and restores it into an empty one: counts match, an old ZIP still downloads", async () => {
  const source = await createEmptyDatabase();
  dbs.push(source);
  const sourceDir = path.join(scratch, "source");
  mkdirSync(sourceDir);
  const a = await serve(source.url, sourceDir);
  const { client, call } = await mcp(a.origin);
  let gen = await call("generations_create", { templateId: "github-actions-ci-for-node-js", format: "zip" });
  gen = await waitFor("generation done", async () => ((gen = await call("generations_get", { id: gen.id })), gen.downloadUrl ? gen : null), 30_000, 200);
  const url = new URL(String(gen.downloadUrl));
  const zip = await fetch(`${a.origin}${url.pathname}${url.search}`);
  expect(zip.status).toBe(200);
  const zipHash = sha(await zip.arrayBuffer());
  await call("tasks_create", { title: "Before the backup", requiredCapabilities: ["drill"] });
  const atBackup = await counts(source.url);

  const archive = path.join(scratch, "drill.tar.gz");
  const b = await script("backup.mjs", ["--out", archive], { DATABASE_URL: source.url, DATA_DIR: sourceDir });
  expect(b.stdout).toMatch(/^backup: .*postgres/m);

  // Written after the backup: must not be in the restored deployment.
  await call("tasks_create", { title: "After the backup", requiredCapabilities: ["drill"] });
  await call("tasks_create", { title: "After the backup, again", requiredCapabilities: ["drill"] });
  expect((await counts(source.url)).tasks).toBe(atBackup.tasks + 2);
  await client.close();
  await a.i.stop();

  const target = await createEmptyDatabase();
  dbs.push(target);
  const targetDir = path.join(scratch, "target");
  const t = Date.now();
  const r = await script("restore.mjs", [archive], { DATABASE_URL: target.url, DATA_DIR: targetDir });
  const restoreMs = Date.now() - t;
  expect(r.stdout).toMatch(/counts match/);
  expect(await counts(target.url)).toEqual(atBackup);
  console.log(`[drill] ${r.stdout.trim()} (whole script ${restoreMs} ms)`);

  // A restore refuses a database that is not empty.
  await expect(script("restore.mjs", [archive], { DATABASE_URL: target.url, DATA_DIR: path.join(scratch, "other") })).rejects.toThrow(/not empty/);

  const c = await serve(target.url, targetDir);
  const again = await fetch(`${c.origin}${url.pathname}${url.search}`);
  expect(again.status).toBe(200);
  expect(sha(await again.arrayBuffer())).toBe(zipHash);
  expect(await counts(target.url)).toEqual(atBackup); // the start-up seed saw a seeded database and added nothing
}, 180_000);

it("backs up and restores the embedded PGlite database with DATA_DIR's files", async () => {
  const dir = path.join(scratch, "embedded");
  const h = await openDb({ kind: "pglite", dataDir: path.join(dir, "pglite") });
  await migrateDb(h);
  await h.db.execute(sql`insert into organizations (name, slug) values ('Drill', 'drill')`);
  await h.close();
  mkdirSync(path.join(dir, "blobs"), { recursive: true });
  const { writeFileSync, readFileSync } = await import("node:fs");
  writeFileSync(path.join(dir, "blobs", "kept.bin"), "blob bytes");
  writeFileSync(path.join(dir, "auth-secret"), "s".repeat(64));
  const archive = path.join(scratch, "embedded.tar.gz");
  // A folder some process has open (its postmaster.pid) is refused: PGlite takes no lock of its own.
  writeFileSync(path.join(dir, "pglite", "postmaster.pid"), "-42\n");
  await expect(script("backup.mjs", ["--out", archive], { DATA_DIR: dir })).rejects.toThrow(/in use: stop the server first/);
  rmSync(path.join(dir, "pglite", "postmaster.pid"));
  await script("backup.mjs", ["--out", archive], { DATA_DIR: dir });
  const into = path.join(scratch, "embedded-restored");
  const r = await script("restore.mjs", [archive], { DATA_DIR: into });
  expect(r.stdout).toMatch(/pglite backup .* counts match/);
  expect(readFileSync(path.join(into, "blobs", "kept.bin"), "utf8")).toBe("blob bytes");
  expect(readFileSync(path.join(into, "auth-secret"), "utf8")).toBe("s".repeat(64));
  const back = await openDb({ kind: "pglite", dataDir: path.join(into, "pglite") });
  const rows = rowsOf<{ slug: string }>(await back.db.execute(sql`select slug from organizations`));
  await back.close();
  expect(rows.map((x) => x.slug)).toEqual(["drill"]);
}, 60_000);
