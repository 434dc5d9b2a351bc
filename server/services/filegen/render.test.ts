import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { toGitRepository, toJsonFiles, toZip } from "./package";
import { checkRenderedPath } from "./paths.mjs";
import { checkSources, renderFiles } from "./render";
import { resolveVariables } from "./variables";

const run = promisify(execFile);

describe("rendering", () => {
  it("renders paths and contents, skips files whose path renders empty, passes binary through", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString("base64");
    const r = await renderFiles(
      [
        { path: "src/{{ name }}.ts", content: "export const name = {{ name | json }};\n" },
        { path: "{% if withTests %}test/{{ name }}.test.ts{% endif %}", content: "test" },
        { path: "logo.png", content: png, binary: true },
      ],
      { name: "widget", withTests: false },
      "Run `npm i` in {{ name }}.",
    );
    expect(r.files.map((f) => f.path)).toEqual(["logo.png", "src/widget.ts"]);
    expect(Buffer.from(r.files[1]!.bytes).toString()).toBe('export const name = "widget";\n');
    expect(Buffer.from(r.files[0]!.bytes).toString("base64")).toBe(png);
    expect(r.skipped).toEqual(["{% if withTests %}test/{{ name }}.test.ts{% endif %}"]);
    expect(r.instructions).toBe("Run `npm i` in widget.");
    expect(toJsonFiles(r.files)[1]).toMatchObject({ path: "src/widget.ts", size: 30, encoding: "utf8" });
  });

  it("names file, line and column for a syntax error, and for an unknown filter", async () => {
    await expect(renderFiles([{ path: "a.txt", content: "ok\n{% if x %}never closed" }], {})).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringContaining("a.txt:2:1"),
    });
    expect(await checkSources([{ path: "b.txt", content: "x {{ y | nope }}" }])).toEqual([
      expect.objectContaining({ file: "b.txt", part: "content", line: 1, column: 3, message: "There is no filter named nope" }),
    ]);
  });

  it("stops a runaway template within 2 s with a clear error", async () => {
    const started = Date.now();
    await expect(
      renderFiles([{ path: "loop.txt", content: "{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}" }], {}),
    ).rejects.toMatchObject({ message: expect.stringMatching(/took longer|too much memory/) });
    await expect(renderFiles([{ path: "big.txt", content: "{% for i in (1..100000000) %}{% endfor %}" }], {})).rejects.toMatchObject({
      message: expect.stringContaining("too much memory"),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reads own properties only and includes nothing from disk", async () => {
    const r = await renderFiles([{ path: "a.txt", content: "[{{ obj.constructor }}][{{ obj.toString }}]" }], { obj: {} });
    expect(Buffer.from(r.files[0]!.bytes).toString()).toBe("[][]");
    await expect(renderFiles([{ path: "a.txt", content: "{% include '/etc/passwd' %}" }], {})).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
  });

  it("refuses unsafe rendered paths, naming the file", async () => {
    for (const bad of ["/etc/x", "../up", "a/../../b", "a\\b", "x\0y", `${"a".repeat(256)}/b`, ".git/config", "src/.git/hooks/post-checkout", ".GIT/config", "a/.Git/x"]) {
      expect(checkRenderedPath(bad).ok).toBe(false);
    }
    expect(checkRenderedPath("./a//b/./c.txt")).toEqual({ ok: true, path: "a/b/c.txt" });
    await expect(renderFiles([{ path: "{{ p }}", content: "" }], { p: "../../etc/passwd" })).rejects.toMatchObject({
      message: expect.stringContaining("contains '..'"),
    });
  });
});

describe("variables", () => {
  const schema = {
    type: "object" as const,
    properties: {
      name: { type: "string" as const, pattern: "^[a-z][a-z0-9-]*$", description: "package name" },
      port: { type: "integer" as const, default: 3000, minimum: 1, maximum: 65535 },
      runtime: { type: "string" as const, enum: ["node", "bun"], default: "node" },
      tests: { type: "boolean" as const },
    },
    required: ["name"],
  };

  it("applies defaults and accepts valid values", () => {
    expect(resolveVariables(schema, { name: "svc" })).toEqual({ name: "svc", port: 3000, runtime: "node" });
  });

  it("names each offending variable", () => {
    try {
      resolveVariables(schema, { port: "80", runtime: "deno", tests: "yes" });
      expect.unreachable();
    } catch (err) {
      expect((err as { details: { fields: { path: string }[] } }).details.fields.map((f) => f.path)).toEqual([
        "variables.name",
        "variables.port",
        "variables.runtime",
        "variables.tests",
      ]);
      expect((err as Error).message).toContain("variables.port expected integer, received string");
    }
    expect(() => resolveVariables(schema, { name: "Bad Name" })).toThrow(/must match/);
  });
});

describe("outputs", () => {
  const files = async () => (await renderFiles([{ path: "b.txt", content: "B" }, { path: "a/a.txt", content: "{{ x }}" }], { x: "A" })).files;

  it("builds byte-identical ZIPs from the same input", async () => {
    const [z1, z2] = [await toZip(await files()), await toZip(await files())];
    expect(Buffer.compare(Buffer.from(z1), Buffer.from(z2))).toBe(0);
  });

  it("builds ZIPs that stock unzip reads: entries in path order, each compressed as it was added", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "zip-"));
    const file = path.join(dir, "out.zip");
    await writeFile(file, await toZip(await files()));
    const { stdout } = await run("unzip", ["-t", file]);
    expect(stdout).toContain("No errors detected");
    expect((await run("unzip", ["-Z1", file])).stdout.trim().split("\n")).toEqual(["a/a.txt", "b.txt"]);
    expect((await run("unzip", ["-p", file, "a/a.txt"])).stdout).toBe("A");
  });

  it("builds a Git repository that stock git clones over dumb HTTP in a handful of requests (one packfile)", async () => {
    const repo = await toGitRepository(await files(), { message: "Generated" });
    expect([...repo.keys()].filter((k) => /^objects\/[0-9a-f]{2}\//.test(k))).toEqual([]);
    const requests: string[] = [];
    const server = createServer((req, res) => {
      const rel = decodeURIComponent((req.url ?? "/").split("?")[0]!.replace(/^\/repo\.git\//, ""));
      requests.push(rel);
      const body = repo.get(rel);
      if (!body) return res.writeHead(404).end();
      res.writeHead(200).end(Buffer.from(body));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      const dir = await mkdtemp(path.join(tmpdir(), "clone-"));
      await run("git", ["clone", "-q", `http://127.0.0.1:${port}/repo.git`, path.join(dir, "out")], { env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
      expect(await readFile(path.join(dir, "out", "a", "a.txt"), "utf8")).toBe("A");
      expect(await readFile(path.join(dir, "out", "b.txt"), "utf8")).toBe("B");
      const { stdout } = await run("git", ["-C", path.join(dir, "out"), "log", "--format=%s"]);
      expect(stdout.trim()).toBe("Generated");
      // info/refs, HEAD, the commit tried loose (404), objects/info/packs, the index, the pack.
      expect(requests.filter((r) => r.startsWith("objects/pack/")).length).toBe(2);
      expect(requests.length).toBeLessThanOrEqual(8);
    } finally {
      server.close();
    }
  });
});
