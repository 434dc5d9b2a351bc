// File generation through the router, as the MCP, REST and SDK surfaces call it: templates,
// versions, search, fork, preview, and generations as JSON, ZIP and Git, inline and durable.
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { count, eq } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { generations } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { storage } from "@/server/adapters/storage";
import { serviceDeps } from "@/server/deps";
import { serveDownload, serveGit } from "@/server/services/filegen/downloads";
import { pushGeneration } from "@/server/services/filegen/push";
import { readRepository } from "@/server/services/filegen/repo-store";
import { startGitServer } from "@/test/git-http-server";
import { scopes } from "@/server/services/permissions";
import { describeError } from "@/server/trpc/describe-error";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { generateFilesWorkflow } from "@/server/workflows/functions/generate-files";
import { type RunnerHandle, startRunner } from "@/server/workflows/runner/runner";

const run = promisify(execFile);
const tokenOf = (url: string, prefix: string) => url.split(prefix)[1]!.split("/")[0]!;

const service = {
  name: "Node service",
  description: "A tiny HTTP service with an optional Dockerfile",
  tags: ["node", "http"],
  visibility: "public" as const,
  files: [
    { path: "{{ name }}/package.json", content: '{ "name": "{{ name }}", "version": "{{ version }}" }\n' },
    { path: "{{ name }}/index.js", content: "// {{ name }} listens on {{ port }}\n" },
    { path: "{% if docker %}{{ name }}/Dockerfile{% endif %}", content: "FROM node:20\nEXPOSE {{ port }}\n" },
  ],
  variables: {
    type: "object" as const,
    properties: {
      name: { type: "string", pattern: "^[a-z][a-z0-9-]*$", description: "package name" },
      version: { type: "string", default: "0.1.0" },
      port: { type: "integer", default: 3000, minimum: 1, maximum: 65535 },
      docker: { type: "boolean", default: false },
    },
    required: ["name"],
  },
  instructions: "Run `cd {{ name }} && node index.js`, then open port {{ port }}.",
};

describe.each(dbKinds)("file generation on %s", (kind) => {
  let h: DbHandle;
  let api: Awaited<ReturnType<typeof keyCaller>>;
  let runner: RunnerHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
    const { org, owner } = await makeOrg(h.db, "Gen");
    api = await keyCaller(h.db, org.id, scopes, owner.id);
    const wf = generateFilesWorkflow(async () => ({ db: h.db, storage: storage() }));
    runner = startRunner({ db: h.db, functions: [wf], pollMs: 20, backoffBaseMs: 10, leaseMs: 5_000 });
  });
  afterAll(async () => {
    await runner.stop();
    await h.close();
  });

  it("creates, finds, versions, diffs and forks a template", async () => {
    const t = await api.templates.create(service);
    expect(t).toMatchObject({ slug: "node-service", version: "1.0.0" });
    const found = await api.templates.search({ query: "dockerfile http", scope: "all", limit: 10 });
    expect(found.items.map((i) => i.id)).toContain(t.id);
    const byTag = await api.templates.search({ tags: ["node"], scope: "mine", limit: 10 });
    expect(byTag.items.map((i) => i.id)).toEqual([t.id]);

    await expect(api.templates.publish({ templateId: t.id, version: "1.0.0", files: service.files, changelog: "" })).rejects.toMatchObject({ code: "CONFLICT" });
    const files = [...service.files, { path: "{{ name }}/README.md", content: "# {{ name }}\n" }];
    await api.templates.publish({ templateId: t.id, version: "1.1.0", files, changelog: "Add a README" });
    const got = await api.templates.get({ id: "node-service" });
    expect(got.latestVersion).toBe("1.1.0");
    expect(got.versions.map((v) => v.version)).toEqual(["1.1.0", "1.0.0"]);
    expect(got.version.variables).toMatchObject({ required: ["name"] }); // kept from 1.0.0
    const diff = await api.templates.diff({ templateId: t.id, from: "1.0.0", to: "1.1.0" });
    expect(diff.files).toEqual([expect.objectContaining({ path: "{{ name }}/README.md", status: "added" })]);

    const fork = await api.templates.fork({ templateId: t.id });
    const forked = await api.templates.get({ id: fork.id });
    expect(forked).toMatchObject({ forkedFromTemplateId: t.id, forkedFromVersion: "1.1.0", visibility: "organization" });
    const renamed = await api.templates.update({ templateId: fork.id, name: "My node service", tags: ["mine"] });
    expect(renamed).toMatchObject({ name: "My node service", tags: ["mine"] });
  });

  it("keeps the variables schema in its author's property order (the order of the generated form)", async () => {
    const variables = { type: "object" as const, properties: { project: { type: "string" }, version: { type: "string" }, id: { type: "boolean" } }, required: ["project"] };
    const t = await api.templates.create({ name: "Ordered form", variables, files: [{ path: "a.txt", content: "{{ project }}" }] });
    const got = await api.templates.get({ id: t.id });
    expect(Object.keys((got.version.variables as { properties: object }).properties)).toEqual(["project", "version", "id"]); // jsonb would sort them: id, project, version
  });

  it("lists public templates of every organization with their publisher, and nobody's organization-only ones", async () => {
    const other = await makeOrg(h.db, "Template House");
    const theirs = await keyCaller(h.db, other.org.id, scopes, other.owner.id);
    const shared = await theirs.templates.create({ name: "Shared readme", visibility: "public", files: [{ path: "README.md", content: "# {{ name }}" }] });
    const internal = await theirs.templates.create({ name: "Internal readme", files: [{ path: "README.md", content: "# x" }] });
    const market = await api.templates.search({ query: "readme", scope: "public", limit: 50 });
    expect(market.items.find((t) => t.id === shared.id)).toMatchObject({ owned: false, publisher: other.org.name, visibility: "public" });
    expect(market.items.map((t) => t.id)).not.toContain(internal.id);
    expect(market.items.every((t) => t.visibility === "public")).toBe(true);
  });

  it("refuses a syntax error naming file, line and column, and saves nothing", async () => {
    const before = (await api.templates.search({ scope: "mine", limit: 50 })).items.length;
    const err = await api.templates.create({ name: "Broken", files: [{ path: "a.txt", content: "ok\n{% if x %}never closed" }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    expect(String((err as Error).message)).toMatch(/a\.txt:2:1/);
    expect((await api.templates.search({ scope: "mine", limit: 50 })).items.length).toBe(before);
  });

  it("reports every problem of every file in plain words with its place, on create, publish and preview, and saves nothing", async () => {
    const files = [
      { path: "README.md", content: "# {{ description }\nline two {% if x %}\nmore {{ y }}" },
      { path: "{{ name | nope }}.txt", content: "{{ a | shout }} and {{ b | whisper }}\n{% for %}x{% endfor %}" },
      { path: "fine.txt", content: "{{ name }}" },
    ];
    const instructions = "{% unless done %}";
    const expected = [
      { file: "README.md", part: "content", line: 1, column: 3, message: "{{ description } is not closed: end it with }}" },
      { file: "README.md", part: "content", line: 2, column: 10, message: "{% if %} is never closed: add {% endif %} after it" },
      { file: "{{ name | nope }}.txt", part: "path", line: 1, column: 1, message: "There is no filter named nope" },
      { file: "{{ name | nope }}.txt", part: "content", line: 1, column: 1, message: "There is no filter named shout" },
      { file: "{{ name | nope }}.txt", part: "content", line: 1, column: 21, message: "There is no filter named whisper" },
      { file: "{{ name | nope }}.txt", part: "content", line: 2, column: 1, message: "{% for %} is incomplete" },
      { file: "instructions", part: "instructions", line: 1, column: 1, message: "{% unless %} is never closed: add {% endunless %} after it" },
    ];
    const preview = await api.templates.preview({ files, values: {}, instructions });
    expect(preview).toMatchObject({ problems: expected, problemCount: 7, files: [] });

    const before = (await api.templates.search({ scope: "mine", limit: 50 })).items.length;
    // As MCP and REST describe it (their one translation of a failure).
    const err = describeError(await api.templates.create({ name: "Many mistakes", files, instructions }).catch((e: unknown) => e));
    expect(err).toMatchObject({ code: "UNPROCESSABLE_CONTENT", message: "Template error in README.md:1:3 (content): {{ description } is not closed: end it with }} (1 of 7 problems)" });
    expect(err.fields).toEqual(expected.map((p) => ({ path: `files.${p.file}${p.part === "path" ? ".path" : ""}`, message: `line ${p.line}, column ${p.column}: ${p.message}` })));
    expect((await api.templates.search({ scope: "mine", limit: 50 })).items.length).toBe(before);

    // A long list is bounded: the first 50 are listed, the rest counted.
    const many = Array.from({ length: 12 }, (_, i) => ({ path: `f${i}.txt`, content: "{{ a | x }} {% if %}{% endif %} {{ b | y }} {{ c | z }} {% nope %}" }));
    const t = await api.templates.create({ name: "Soon broken", files: [{ path: "a.txt", content: "ok" }] });
    const long = describeError(await api.templates.publish({ templateId: t.id, version: "1.1.0", files: many, changelog: "" }).catch((e: unknown) => e));
    expect(long.message).toMatch(/\(1 of 60 problems\)$/);
    expect(long.fields).toHaveLength(51);
    expect(long.fields?.at(-1)).toEqual({ path: "files", message: "and 10 more problems not listed" });
    expect((await api.templates.get({ id: t.id })).latestVersion).toBe("1.0.0");
    const bounded = await api.templates.preview({ files: many, values: {} });
    expect([bounded.problems.length, bounded.problemCount]).toEqual([50, 60]);
  });

  it("previews with sample values, reporting problems as data", async () => {
    const ok = await api.templates.preview({ files: service.files, variables: service.variables, values: { name: "svc", docker: true }, instructions: service.instructions });
    expect(ok.files.map((f) => f.path)).toEqual(["svc/Dockerfile", "svc/index.js", "svc/package.json"]);
    expect(ok.instructions).toContain("port 3000");
    const bad = await api.templates.preview({ files: [{ path: "x", content: "{{ a | nofilter }}" }], values: {} });
    expect(bad.problems[0]).toMatchObject({ file: "x", line: 1 });
    const missing = await api.templates.preview({ files: service.files, variables: service.variables, values: {} });
    expect(missing.variables).toEqual([expect.objectContaining({ path: "variables.name" })]);
  });

  it("stops a runaway preview at its first file, off the event loop, which keeps serving meanwhile", async () => {
    const loop = "{% for i in (1..5000) %}{% for j in (1..5000) %}{% endfor %}{% endfor %}";
    const files = Array.from({ length: 20 }, (_, i) => ({ path: `loop-${i}.txt`, content: loop }));
    let ticks = 0;
    let queries = 0;
    let running = true;
    const timer = setInterval(() => ticks++, 10);
    const querying = (async () => {
      while (running) {
        await h.db.select({ n: count() }).from(generations);
        queries++;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const started = Date.now();
    const r = await api.templates.preview({ files, values: {} });
    const took = Date.now() - started;
    running = false;
    clearInterval(timer);
    await querying;
    // One problem, for the first file: the job ended there instead of spending 1.5 s on each of the 20.
    expect(r.problems).toEqual([{ file: "loop-0.txt", part: "content", line: 1, column: expect.any(Number), message: "the template took longer than 1500 ms to render (a runaway loop?)" }]);
    expect(took).toBeLessThan(5_000);
    // A blocked event loop would have ticked about once; these ran all along.
    expect(ticks).toBeGreaterThan(20);
    expect(queries).toBeGreaterThan(5);
  });

  it("generates JSON, then reuses the stored result for the same input", async () => {
    const first = await api.generations.create({ templateId: "node-service", version: "1.0.0", variables: { name: "api", docker: true }, format: "json" });
    expect(first).toMatchObject({ status: "succeeded", fileCount: 3, reused: false });
    expect(first.files!.find((f) => f.path === "api/Dockerfile")!.content).toBe("FROM node:20\nEXPOSE 3000\n");
    expect(first.instructions).toBe("Run `cd api && node index.js`, then open port 3000.");
    const again = await api.generations.create({ templateId: "node-service", version: "1.0.0", variables: { docker: true, name: "api" }, format: "json" });
    expect(again).toMatchObject({ status: "succeeded", reused: true, fileCount: 3 });
    expect(again.files).toEqual(first.files);
    const list = await api.generations.list({ limit: 10 });
    expect(list.items[0]).toMatchObject({ id: again.id, templateSlug: "node-service" });
  });

  it("refuses bad variables naming the variable, storing nothing", async () => {
    const countGenerations = async () => (await h.db.select({ n: count() }).from(generations))[0]!.n;
    const before = await countGenerations();
    const err = await api.generations.create({ templateId: "node-service", variables: { name: "Bad Name", port: 99999 }, format: "zip" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
    expect((err as Error).message).toMatch(/variables\.name/);
    expect((err as Error).message).toMatch(/variables\.port/);
    expect(await countGenerations()).toBe(before);
  });

  it("serves the ZIP through an expiring signed link", async () => {
    const g = await api.generations.create({ templateId: "node-service", variables: { name: "zipped" }, format: "zip" });
    expect(g.downloadUrl).toMatch(/\/api\/files\//);
    const res = await serveDownload(await serviceDeps(), tokenOf(g.downloadUrl!, "/api/files/"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="generation-.*\.zip"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).filter((p) => !zip.files[p]!.dir)).toEqual(["zipped/README.md", "zipped/index.js", "zipped/package.json"]);
    const tampered = await serveDownload(await serviceDeps(), `${tokenOf(g.downloadUrl!, "/api/files/")}x`);
    expect(tampered.status).toBe(404);
  });

  it("keeps a ZIP's contents once, in the archive: the manifest lists files and includeContent reads them back", async () => {
    const g = await api.generations.create({ templateId: "node-service", variables: { name: "once", port: 8080 }, format: "zip" });
    const manifest = JSON.parse(Buffer.from((await storage().get(`generations/${g.id}/files.json`))!).toString("utf8")) as Record<string, unknown>[];
    expect(manifest.map((f) => Object.keys(f).sort())).toEqual(manifest.map(() => ["encoding", "path", "sha256", "size"]));
    expect(g.files?.map((f) => Object.keys(f).sort())).toEqual(manifest.map(() => ["path", "sha256", "size"]));
    const full = await api.generations.get({ id: g.id, includeContent: true });
    const index = full.files?.find((f) => f.path === "once/index.js");
    expect(index).toMatchObject({ encoding: "utf8", content: "// once listens on 8080\n", size: 24 });
    expect(full.files?.map((f) => f.path)).toEqual(["once/README.md", "once/index.js", "once/package.json"]);
  });

  it("serves a Git repository that stock git clones", async () => {
    const g = await api.generations.create({ templateId: "node-service", variables: { name: "cloned", docker: true }, format: "git" });
    // `git clone` makes a folder named after the template and the generation.
    expect(g.cloneUrl).toMatch(/\/api\/git\/.+\/node-service-[0-9a-f]{8}\.git$/);
    const token = tokenOf(g.cloneUrl!, "/api/git/");
    // Stand in for the Next.js route: the same handler behind a local HTTP server.
    const server = createServer(async (req, res) => {
      const parts = new URL(req.url!, "http://x").pathname.split("/").filter(Boolean);
      const r = await serveGit(await serviceDeps(), token, parts);
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as { port: number }).port;
      const dir = await mkdtemp(path.join(tmpdir(), "gen-clone-"));
      await run("git", ["clone", "-q", `http://127.0.0.1:${port}/cloned.git`, path.join(dir, "out")], { env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
      expect(await readFile(path.join(dir, "out/cloned/Dockerfile"), "utf8")).toBe("FROM node:20\nEXPOSE 3000\n");
      expect((await run("git", ["-C", path.join(dir, "out"), "fsck", "--strict"])).stderr).toBe("");
      // The commit says what and when: the template by name and version, dated when it was asked for.
      const [date, subject] = (await run("git", ["-C", path.join(dir, "out"), "log", "-1", "--format=%at%n%s"])).stdout.trim().split("\n");
      expect(Number(date)).toBe(Math.floor(new Date(g.createdAt).getTime() / 1000));
      const template = await api.templates.get({ id: "node-service" });
      expect(subject).toBe(`Generated from ${template.name}, version ${g.version}`);
    } finally {
      server.close();
    }
    // The contents are kept once, in the repository: the manifest lists files, includeContent reads them from the pack.
    const manifest = JSON.parse(Buffer.from((await storage().get(`generations/${g.id}/files.json`))!).toString("utf8")) as Record<string, unknown>[];
    expect(manifest.every((f) => !("content" in f))).toBe(true);
    const full = await api.generations.get({ id: g.id, includeContent: true });
    expect(full.files?.find((f) => f.path === "cloned/Dockerfile")).toMatchObject({ content: "FROM node:20\nEXPOSE 3000\n", encoding: "utf8" });
    // Names of Object's own properties, other stored outputs and traversals are missing files, not a crash.
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "../files.json", "..%2Ffiles.json"]) {
      const r = await serveGit(await serviceDeps(), token, ["cloned.git", ...name.split("/")]);
      expect(r.status).toBe(404);
    }
    // Stored as the repository's own bytes, one blob per file: the pack is a packfile, not base64 in JSON.
    const packs = Buffer.from((await storage().get(`generations/${g.id}/git/objects/info/packs`))!).toString();
    const pack = (await storage().get(`generations/${g.id}/git/objects/pack/${/pack-[0-9a-f]{40}\.pack/.exec(packs)![0]}`))!;
    expect(Buffer.from(pack.subarray(0, 4)).toString()).toBe("PACK");
    expect(await storage().get(`generations/${g.id}/repo.json`)).toBeNull();
    const served = await serveGit(await serviceDeps(), token, ["cloned.git", "objects", "info", "packs"]);
    expect(await served.text()).toBe(packs);
  });

  it("still serves and reads a Git output stored the old way (base64 files in one repo.json)", async () => {
    const g = await api.generations.create({ templateId: "node-service", variables: { name: "legacy", docker: false }, format: "git" });
    const repo = (await readRepository(storage(), g.id))!;
    await storage().put(`generations/${g.id}/repo.json`, Buffer.from(JSON.stringify(Object.fromEntries([...repo].map(([k, b]) => [k, Buffer.from(b).toString("base64")])))), "application/json");
    for (const rel of repo.keys()) await storage().delete(`generations/${g.id}/git/${rel}`);
    const token = tokenOf(g.cloneUrl!, "/api/git/");
    const head = await serveGit(await serviceDeps(), token, ["legacy.git", "refs", "heads", "main"]);
    expect(await head.text()).toBe(Buffer.from(repo.get("refs/heads/main")!).toString());
    const full = await api.generations.get({ id: g.id, includeContent: true });
    expect(full.files?.find((f) => f.path === "legacy/index.js")).toMatchObject({ content: "// legacy listens on 3000\n" });
  });

  it("refuses a path that writes into .git anywhere, in any case", async () => {
    for (const bad of ["src/.git/hooks/post-checkout", ".GIT/config", "{{ dir }}/.Git/hooks/pre-commit"]) {
      const p = await api.templates.preview({ files: [{ path: bad, content: "#!/bin/sh\necho pwned" }], values: { dir: "a" } });
      expect(p.problems).toEqual([expect.objectContaining({ part: "path", message: expect.stringContaining("writes inside .git") })]);
    }
  });

  it("pushes the generated commit to a remote with a token, and refuses bad credentials without echoing them", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "git-remote-"));
    await run("git", ["init", "-q", "--bare", path.join(root, "site.git")]);
    await run("git", ["--git-dir", path.join(root, "site.git"), "config", "http.receivepack", "true"]);
    const remote = await startGitServer(root, "sekret-token");
    try {
      const g = await api.generations.create({ templateId: "node-service", variables: { name: "pushed", docker: true }, format: "git", push: { url: `${remote.url}/site.git`, token: "sekret-token", branch: "generated" } });
      expect(g.pushed).toMatchObject({ url: `${remote.url}/site.git`, branch: "generated" });
      const { stdout } = await run("git", ["--git-dir", path.join(root, "site.git"), "show", "generated:pushed/Dockerfile"]);
      expect(stdout).toBe("FROM node:20\nEXPOSE 3000\n");
      const bad = await api.generations.create({ templateId: "node-service", variables: { name: "pushed" }, format: "git", push: { url: `${remote.url}/site.git`, token: "wrong-token" } }).catch((e: unknown) => e);
      expect(bad).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("refused the credentials") });
      expect(JSON.stringify(bad)).not.toContain("wrong-token");
      await expect(api.generations.create({ templateId: "node-service", variables: { name: "x" }, format: "zip", push: { url: `${remote.url}/site.git` } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    } finally {
      remote.close();
    }
  });

  it("pushes only through the SSRF-safe fetcher: no private targets, no redirects, no remote body echoed", async () => {
    const g = await api.generations.create({ templateId: "node-service", variables: { name: "guarded" }, format: "git" });
    const hits: string[] = [];
    const listen = async (reply: (res: import("node:http").ServerResponse) => void) => {
      const server = createServer((req, res) => {
        hits.push(`${server.address() && (server.address() as { port: number }).port} ${req.method} ${req.url}`);
        reply(res);
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      return { server, port: (server.address() as { port: number }).port };
    };
    const internal = await listen((res) => res.writeHead(200, { "content-type": "text/html" }).end("<h1>INTERNAL ADMIN CONSOLE token=abc123</h1>"));
    const redirector = await listen((res) => res.writeHead(302, { location: `http://127.0.0.1:${internal.port}/x.git/info/refs?service=git-receive-pack` }).end());
    try {
      // An IPv4-mapped loopback literal is refused before any connection.
      for (const host of ["[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]", "127.0.0.1"]) {
        const err = await pushGeneration(storage(), g.id, { url: `http://${host}:${internal.port}/x.git` }, { allowPrivate: false }).catch((e: unknown) => e);
        expect(err).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("loopback, private or reserved") });
      }
      expect(hits).toEqual([]);
      // Even where loopback is allowed (development), a redirect is not followed.
      const redirected = await pushGeneration(storage(), g.id, { url: `http://127.0.0.1:${redirector.port}/x.git` }, { allowPrivate: true }).catch((e: unknown) => e);
      expect(redirected).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("redirect") });
      expect(hits.filter((x) => x.startsWith(`${internal.port} `))).toEqual([]);
      // A server that is not Git: the error says so in our words, never its page.
      const notGit = await pushGeneration(storage(), g.id, { url: `http://127.0.0.1:${internal.port}/x.git` }, { allowPrivate: true }).catch((e: unknown) => e);
      expect(notGit).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("not a Git repository") });
      expect(JSON.stringify(notGit)).not.toMatch(/INTERNAL|abc123/);
    } finally {
      internal.server.close();
      redirector.server.close();
    }
  });

  it("runs a large generation as a durable workflow and records it", async () => {
    const files = Array.from({ length: 150 }, (_, i) => ({ path: `src/file-${String(i).padStart(3, "0")}.txt`, content: `{{ greeting }} #${i}\n` }));
    const t = await api.templates.create({ name: "Many files", files, variables: { type: "object", properties: { greeting: { type: "string", default: "hi" } } } });
    const started = await api.generations.create({ templateId: t.id, variables: {}, format: "zip" });
    expect(started.status).toBe("queued");
    let g = started;
    for (let i = 0; i < 200 && g.status !== "succeeded" && g.status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      g = await api.generations.get({ id: started.id });
    }
    expect(g).toMatchObject({ status: "succeeded", fileCount: 150, progress: 100 });
    expect(g.downloadUrl).toBeTruthy();
    const row = await h.db.select().from(generations).where(eq(generations.id, g.id));
    expect(row[0]!.outputKeys).toMatchObject({ zip: `generations/${g.id}/output.zip` });
    // The Runs view finds the workflow run by its generation, with its step timeline.
    // The run itself ends just after its last step has recorded the generation.
    let runs = await api.runs.list({ subjectId: g.id, limit: 5 });
    for (let i = 0; i < 100 && runs.items[0]?.status !== "completed"; i++) {
      await new Promise((r) => setTimeout(r, 20));
      runs = await api.runs.list({ subjectId: g.id, limit: 5 });
    }
    expect(runs.items).toEqual([expect.objectContaining({ functionId: "generate-files", status: "completed" })]);
    const detail = await api.runs.get({ id: runs.items[0]!.id });
    expect(detail.steps.map((s) => [s.stepId, s.status])).toEqual([["build", "completed"], ["record", "completed"]]);
    await expect(api.runs.retry({ id: detail.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
