// The per-version cache of parsed templates: a version's sources are parsed once and rendered
// with each generation's own variables, and the cache forgets the least recently used versions.
import { describe, expect, it } from "vitest";
import { cachedParse, cachedVersions, versionCache } from "./parse-cache.mjs";
import { renderJob } from "./render-core.mjs";

const text = (r: Awaited<ReturnType<typeof renderJob>>) => (r.ok ? r.files.map((f) => [f.path, Buffer.from(f.bytes).toString()]) : r);

describe("parse cache", () => {
  it("parses a slot once and reuses it", () => {
    const cache = versionCache("v-once", 10)!;
    let parses = 0;
    const parse = (s: string) => {
      parses++;
      return s.toUpperCase();
    };
    expect([cachedParse(cache, "0:content", "a", parse), cachedParse(cache, "0:content", "a", parse)]).toEqual(["A", "A"]);
    expect(parses).toBe(1);
    expect(() => cachedParse(cache, "1:content", "{%", () => { throw new Error("bad"); })).toThrow("bad");
    expect(cache.has("1:content")).toBe(false);
  });

  it("renders a cached version with each job's own variables", async () => {
    const files = [{ path: "{{ name }}.txt", content: "hi {{ name }}" }];
    expect(text(await renderJob({ files, variables: { name: "a" }, cacheKey: "v-vars" }))).toEqual([["a.txt", "hi a"]]);
    expect(text(await renderJob({ files, variables: { name: "b" }, cacheKey: "v-vars" }))).toEqual([["b.txt", "hi b"]]);
    expect(versionCache("v-vars", 0)!.size).toBe(2);
  });

  it("forgets the least recently used versions past its bound", () => {
    versionCache("v-keep", 1)!.set("0:path", "kept");
    for (let i = 0; i < 100; i++) {
      versionCache(`v-${i}`, 1);
      versionCache("v-keep", 1); // used again: stays
    }
    expect(cachedVersions()).toBe(64);
    expect(versionCache("v-keep", 1)!.get("0:path")).toBe("kept");
    expect(versionCache("v-0", 1)!.size).toBe(0);
  });

  it("forgets versions past its size bound, and does not cache a version too large to share it", () => {
    versionCache("v-small", 1)!.set("0:path", "kept");
    expect(versionCache("v-huge", 3 * 1024 * 1024)).toBeUndefined();
    expect(versionCache("v-small", 1)!.get("0:path")).toBe("kept");
    for (let i = 0; i < 3; i++) versionCache(`v-large-${i}`, 1.5 * 1024 * 1024);
    expect(versionCache("v-small", 1)!.size).toBe(0);
  });
});
