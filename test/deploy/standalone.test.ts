// The production image's contents, without Docker: the final stage's COPY steps of the Dockerfile are
// repeated into an empty folder outside the repository (no node_modules above it), and its CMD is run
// there on the embedded database; it must get ready and answer an API call with the seed key.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureBuilt } from "@/scripts/ensure-build.mjs";
import { freePort, type Instance, root, seedApiKey, startInstance, waitFor } from "./harness";

const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
let dir: string;
let app: Instance;
let port: number;

beforeAll(async () => {
  await ensureBuilt({ stdio: "ignore", log: () => {} });
  dir = mkdtempSync(path.join(os.tmpdir(), "cmp-image-"));
  for (const m of finalStage.matchAll(/^COPY --from=build(?: --chown=\S+)? \/app\/(\S+) (\S+)$/gm)) {
    cpSync(path.join(root, m[1]!), path.join(dir, m[2]!), { recursive: true });
  }
  mkdirSync(path.join(dir, "data"));
  port = await freePort();
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(finalStage)![1]!) as string[];
  expect(cmd[0]).toBe("node");
  app = startInstance(cmd.slice(1), { PORT: String(port), DATA_DIR: path.join(dir, "data"), SEED_API_KEY: seedApiKey }, dir);
  await waitFor(`standalone server ready (output: ${app?.output().slice(-800)})`, async () => (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status === 200, 90_000, 250);
}, 240_000);

afterAll(async () => {
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("the final stage holds only the standalone output and static files, runs as a non-root user with a liveness HEALTHCHECK", () => {
  const copies = [...finalStage.matchAll(/^COPY .*$/gm)].map((m) => m[0]);
  expect(copies.map((c) => c.split(" ").slice(-2)[0])).toEqual(["/app/.next/standalone", "/app/.next/static"]);
  expect(finalStage).toMatch(/^USER node$/m);
  expect(finalStage).toMatch(/^HEALTHCHECK [\s\S]*\/api\/health\/live/m);
});

it("serves from the standalone folder alone through its own copy of scripts/serve.mjs: ready, and an API call with the seed key", async () => {
  const ready = (await (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).json()) as { status: string; checks: Record<string, { status: string }> };
  expect(ready.status).toBe("ok");
  expect(Object.keys(ready.checks)).toEqual(expect.arrayContaining(["db", "migrations", "storage", "workflows"]));
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/templates`, { headers: { authorization: `Bearer ${seedApiKey}` } });
  expect(res.status).toBe(200);
  expect(JSON.stringify(await res.json())).toContain("slug"); // the seeded templates
  // It runs scripts/serve.mjs from the copy (not the repository's), with Next's config from required-server-files.json.
  expect(app.output()).toContain(`listening on http://127.0.0.1:${port}`);
});
