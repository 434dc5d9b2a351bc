// A large ZIP job split by files across the workers its organization may use: the same archive
// as one worker makes, byte for byte (also when parts fall differently on warm parse caches),
// every part's problems reported, a path two parts render to refused, and one budget for all.
import { afterAll, describe, expect, it } from "vitest";
import { unzipFiles } from "./archive.mjs";
import { renderZipOn } from "./render";
import { createRenderPool } from "./render-pool";

const pools: ReturnType<typeof createRenderPool>[] = [];
const pool = (o: { workers: number; perOrg?: number; budgetMs?: number }) => {
  const p = createRenderPool({ budgetMs: 20_000, memoryMb: 256, ...o });
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

const files = Array.from({ length: 200 }, (_, i) => ({ path: `{{ name }}/m-${i}.txt`, content: `# ${i} of {{ name }}\n{% for n in (1..5) %}{{ n | times: ${i} }} {% endfor %}` }));

describe("a large ZIP job split across workers", () => {
  it("makes the same archive as one worker, and parts falling differently on warm caches change nothing", async () => {
    const one = await renderZipOn(pool({ workers: 1 }), files, { name: "w" }, "Use {{ name }}.", { cacheKey: "v-split" });
    const p = pool({ workers: 3, perOrg: 2 });
    const job = renderZipOn(p, files, { name: "w" }, "Use {{ name }}.", { orgId: "org-a", cacheKey: "v-split" });
    expect(p.running("org-a")).toBe(2); // two parts, the organization's cap
    const two = await job;
    const three = await renderZipOn(p, files, { name: "w" }, "Use {{ name }}.", { cacheKey: "v-split" }); // no organization: three parts
    for (const r of [two, three]) {
      expect(Buffer.compare(Buffer.from(r.archive), Buffer.from(one.archive))).toBe(0);
      expect(r.files).toEqual(one.files);
      expect(r.instructions).toBe("Use w.");
    }
    expect(Buffer.from(unzipFiles(three.archive).get("w/m-150.txt")!).toString()).toBe("# 150 of w\n150 300 450 600 750 ");
  });

  it("reports every part's problems, and a path that files in two parts both render to", async () => {
    const p = pool({ workers: 2, perOrg: 2 });
    const broken = files.map((f, i) => (i === 10 || i === 150 ? { ...f, content: "{{ x | nope }}" } : f));
    const err = (await renderZipOn(p, broken, { name: "w" }, "", { orgId: "org-b" }).catch((e: unknown) => e)) as { details: { problems: unknown[] } };
    expect(err.details.problems).toEqual([
      expect.objectContaining({ file: "{{ name }}/m-10.txt", part: "content", message: "There is no filter named nope" }),
      expect.objectContaining({ file: "{{ name }}/m-150.txt", part: "content", message: "There is no filter named nope" }),
    ]);
    // Each part sees only its own paths: the job checks them together.
    const twice = files.map((f, i) => (i === 199 ? { ...f, path: "{{ name }}/m-0.txt" } : f));
    const dup = (await renderZipOn(p, twice, { name: "w" }, "", { orgId: "org-b" }).catch((e: unknown) => e)) as { details: { problems: unknown[] } };
    expect(dup.details.problems).toEqual([{ file: "{{ name }}/m-0.txt", part: "path", line: null, column: null, message: 'renders to "w/m-0.txt", which another file also renders to' }]);
  });

  it("holds every part to one budget: a runaway in one part ends the job within it, naming the file", async () => {
    const p = pool({ workers: 2, perOrg: 2, budgetMs: 1_200 });
    // Each slow file stays under liquidjs's per-render limit; together they run far past the budget.
    const slow = new Set(Array.from({ length: 30 }, (_, i) => `{{ name }}/m-${110 + i}.txt`));
    const runaway = files.map((f) => (slow.has(f.path) ? { ...f, content: "{% for i in (1..500000) %}{% endfor %}" } : f));
    const started = Date.now();
    const err = (await renderZipOn(p, runaway, { name: "w" }, "", { orgId: "org-c" }).catch((e: unknown) => e)) as { details: { problems: { file: string; message: string }[] } };
    expect(err.details.problems).toEqual([expect.objectContaining({ message: "rendering took longer than the 1200 ms budget (a runaway loop?)" })]);
    expect(slow).toContain(err.details.problems[0]!.file);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(p.running("org-c")).toBe(0);
    const next = await renderZipOn(p, files.slice(0, 100), { name: "n" }, "", { orgId: "org-c" });
    expect(next.files).toHaveLength(100);
  });
});
