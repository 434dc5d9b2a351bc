// The render worker pool against real worker threads: the whole-call time budget terminates the
// worker and names the file it was on, the heap budget stops a job that outgrows it, a liquidjs
// limit ends the job at the first file, and after any of these the pool serves the next job.
import { createHash } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { checkSourcesOn, renderFiles, renderFilesOn, renderTextOn } from "./render";
import { createRenderPool } from "./render-pool";

const pools: ReturnType<typeof createRenderPool>[] = [];
const pool = (o: { budgetMs?: number; memoryMb?: number }) => {
  const p = createRenderPool({ workers: 1, budgetMs: o.budgetMs ?? 5_000, memoryMb: o.memoryMb ?? 256 });
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

const normal = [{ path: "{{ name }}.txt", content: "hello {{ name }}" }];
async function servesNext(p: ReturnType<typeof pool>) {
  const r = await renderFilesOn(p, normal, { name: "next" });
  expect(r.files.map((f) => [f.path, Buffer.from(f.bytes).toString()])).toEqual([["next.txt", "hello next"]]);
}

describe("render pool", () => {
  it("terminates a job at its time budget, naming the file it was on, and then serves the next job", async () => {
    const p = pool({ budgetMs: 1_000 });
    // Each file stays well under liquidjs's per-render limit (1.5 s); together they run far past the budget.
    const files = Array.from({ length: 20 }, (_, i) => ({ path: `slow-${i}.txt`, content: "{% for i in (1..500000) %}{% endfor %}" }));
    const err = await renderFilesOn(p, files, {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "UNPROCESSABLE_CONTENT", message: expect.stringContaining("rendering took longer than the 1000 ms budget (a runaway loop?)") });
    const [problem] = (err as { details: { problems: { file: string; part: string }[] } }).details.problems;
    expect(files.slice(0, -1).map((f) => f.path)).toContain(problem!.file);
    expect(problem!.part).toBe("content");
    await servesNext(p);
  });

  it("stops a memory bomb at liquidjs's allocation limit inside the worker, and then serves the next job", async () => {
    const p = pool({});
    const bomb = '{% assign s = "ab," %}{% for i in (1..22) %}{% assign s = s | append: s %}{% endfor %}' + "{% assign a = s | split: ',' %}".repeat(6);
    await expect(renderFilesOn(p, [{ path: "ok.txt", content: "fine" }, { path: "bomb.txt", content: bomb }], {})).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringMatching(/^Template error in bomb\.txt:1:\d+ \(content\): the template allocates too much memory/),
    });
    await servesNext(p);
  });

  it("ends a job whose worker outgrows its heap, naming the file, and then serves the next job", async () => {
    // liquidjs's own count stops the bombs we know first; this stand-in worker allocates past the heap itself.
    const filename = path.join(import.meta.dirname, "fixtures", "heap-hog-worker.mjs");
    const p = createRenderPool({ workers: 1, budgetMs: 20_000, memoryMb: 64, filename });
    pools.push(p);
    await expect(p.run({ hog: true }, (i, part) => ({ file: `file-${i}`, part: part === 1 ? "content" : "path" }))).rejects.toMatchObject({
      name: "RenderBudgetError",
      problem: { file: "file-0", part: "content", line: null, column: null, message: "rendering needed more than the 64 MB memory budget (a loop or range that is too large?)" },
    });
    expect(await p.run({ hog: false }, () => ({ file: "", part: "content" }))).toBe("ok");
  });

  it("ends a job at the first liquidjs limit instead of rendering the next file", async () => {
    const files = [
      { path: "range.txt", content: "{% for i in (1..100000000) %}{% endfor %}" },
      { path: "loop.txt", content: "{% for i in (1..5000) %}{% for j in (1..5000) %}{% endfor %}{% endfor %}" },
    ];
    const err = await renderFiles(files, {}).catch((e: unknown) => e);
    expect((err as { details: { problems: unknown[] } }).details.problems).toEqual([
      { file: "range.txt", part: "content", line: 1, column: 1, message: "the template allocates too much memory (a loop or range that is too large)" },
    ]);
  });

  it("budgets task text too, naming the field", async () => {
    const p = pool({ budgetMs: 300 });
    await expect(renderTextOn(p, "{% for i in (1..5000) %}{% for j in (1..5000) %}{% endfor %}{% endfor %}", {}, "title")).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "title: rendering took longer than the 300 ms budget (a runaway loop?)",
    });
    expect(await renderTextOn(p, "Deploy {{ app }}", { app: "web" }, "title")).toBe("Deploy web");
  });

  it("hands bytes back as Uint8Array with their digests", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const r = await renderFiles([{ path: "a.png", content: png.toString("base64"), binary: true }, { path: "b.txt", content: "é{{ x }}" }], { x: 1 });
    for (const f of r.files) {
      expect(f.bytes).toBeInstanceOf(Uint8Array);
      expect(f.sha256).toBe(createHash("sha256").update(f.bytes).digest("hex"));
    }
    expect(Buffer.compare(Buffer.from(r.files[0]!.bytes), png)).toBe(0);
    expect(Buffer.from(r.files[1]!.bytes).toString()).toBe("é1");
  });

  it("keeps one organization to its share of the workers: another organization's job runs beside its queue", async () => {
    // Two workers, so each organization may run one job at a time.
    const p = createRenderPool({ workers: 2, budgetMs: 20_000, memoryMb: 256 });
    pools.push(p);
    expect(p.running("org-a")).toBe(0);
    const slow = Array.from({ length: 3 }, (_, i) => ({ path: `slow-${i}.txt`, content: "{% for i in (1..60000) %}{{ i }}{% endfor %}" }));
    const ended: string[] = [];
    const job = (org: string, name: string, files: typeof slow) =>
      renderFilesOn(p, files, {}, "", { orgId: org }).then(() => void ended.push(name));
    const a = [job("org-a", "a1", slow), job("org-a", "a2", slow), job("org-a", "a3", slow)];
    expect(p.running("org-a")).toBe(1);
    // Without the cap, a1 and a2 would hold both workers and b would wait behind them.
    await job("org-b", "b", normal);
    expect(ended).toEqual(["b"]);
    await Promise.all(a);
    expect(ended).toEqual(["b", "a1", "a2", "a3"]);
    expect(p.running("org-a")).toBe(0);
  });

  it("holds an organization to a configured cap: with three workers and a cap of two, another organization's job takes the third at once", async () => {
    const p = createRenderPool({ workers: 3, perOrg: 2, budgetMs: 20_000, memoryMb: 256 });
    pools.push(p);
    const slow = Array.from({ length: 3 }, (_, i) => ({ path: `slow-${i}.txt`, content: "{% for i in (1..60000) %}{{ i }}{% endfor %}" }));
    const ended: string[] = [];
    const job = (org: string, name: string, files: typeof slow) => renderFilesOn(p, files, {}, "", { orgId: org }).then(() => void ended.push(name));
    const a = ["a1", "a2", "a3", "a4"].map((n) => job("org-a", n, slow));
    expect(p.running("org-a")).toBe(2);
    // Uncapped, org-a's four jobs would fill all three workers and b would queue behind two of them.
    await job("org-b", "b", normal);
    expect(ended).toEqual(["b"]);
    expect(p.running("org-a")).toBe(2);
    await Promise.all(a);
    expect(ended.slice(1).sort()).toEqual(["a1", "a2", "a3", "a4"]);
  });

  it("checks sources in a worker under the job's budget: a parse too large for it is a budget problem, not a stalled server", async () => {
    const p = pool({ budgetMs: 100 });
    const files = Array.from({ length: 400 }, (_, i) => ({ path: `f-${i}.txt`, content: "{{ a }} {% if b %}x{% endif %} ".repeat(2_000) }));
    const problems = await checkSourcesOn(p, files);
    expect(problems).toEqual([expect.objectContaining({ part: "content", line: null, message: "rendering took longer than the 100 ms budget (a runaway loop?)" })]);
    expect(files.map((f) => f.path)).toContain(problems[0]!.file);
    expect(await checkSourcesOn(p, [{ path: "a.txt", content: "{{ a | nope }} {% if %}" }])).toEqual([
      { file: "a.txt", part: "content", line: 1, column: 1, message: "There is no filter named nope" },
      expect.objectContaining({ file: "a.txt", part: "content", line: 1, message: "This tag is missing its condition or value, such as {% if name %}" }),
    ]);
  });

  it("recognises a budget error thrown by another copy of the pool module (Next's server chunks)", async () => {
    const first = await import("./render-pool");
    const err = new first.RenderBudgetError({ file: "a.txt", part: "content", line: null, column: null, message: "over" });
    vi.resetModules();
    const second = await import("./render-pool");
    expect(second.RenderBudgetError).not.toBe(first.RenderBudgetError);
    expect(second.isRenderBudgetError(err)).toBe(true);
    expect(second.isRenderBudgetError(new Error("over"))).toBe(false);
  });
});
