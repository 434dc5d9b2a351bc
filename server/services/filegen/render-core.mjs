// Rendering untrusted Liquid templates, in plain JavaScript so that one copy serves the worker
// threads (render-worker.mjs, loaded by Node outside any bundler) and the main thread's parse
// checks: the liquidjs sandbox built from the limits, liquidjs errors mapped to problems naming
// file, part, line and column, and a job that renders files in order — a path that renders empty
// skips the file, binary files pass through — and stops at the first time or memory limit.
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { TextEncoder } from "node:util";
import { Liquid } from "liquidjs";
import { limits } from "./limits.mjs";
import { cachedParse, versionCache } from "./parse-cache.mjs";
import { checkRenderedPath } from "./paths.mjs";

/** @typedef {import("./render-core.d.mts").RenderProblem} RenderProblem */
/** @typedef {import("./render-core.d.mts").RenderedFile} RenderedFile */

export const engine = new Liquid({
  parseLimit: limits.parseLimit,
  renderLimit: limits.renderLimitMs,
  memoryLimit: limits.memoryLimit,
  ownPropertyOnly: true,
  strictFilters: true,
  // No filesystem: {% include %} and {% render %} resolve only against this empty map.
  templates: {},
  relativeReference: false,
  jsTruthy: false,
});

const MEMORY = /memory alloc limit exceeded/;
const TIME = /template render limit exceeded/;

/** True for liquidjs's own time and memory limits: after one, the job renders nothing more. */
export const isLimitError = (err) => MEMORY.test(err?.message ?? "") || TIME.test(err?.message ?? "");

/** @returns {RenderProblem} */
export function problemOf(err, file, part) {
  const pos = err?.token?.getPosition?.();
  const message = (err?.message ?? String(err)).replace(/, line:\d+, col:\d+$/, "").split("\n")[0];
  const friendly = MEMORY.test(message)
    ? "the template allocates too much memory (a loop or range that is too large)"
    : TIME.test(message)
      ? `the template took longer than ${limits.renderLimitMs} ms to render (a runaway loop?)`
      : message;
  return { file, part, line: pos?.[0] ?? null, column: pos?.[1] ?? null, message: friendly };
}

const parse = (source) => engine.parse(source);

/** Synchronous: nothing here awaits (no filesystem, no async filters), and promises cost ~2×. */
function renderString(source, scope, cache, slot) {
  return engine.renderSync(cachedParse(cache, slot, source, parse), scope);
}

/** One Liquid string with the same sandbox as files (task titles and descriptions). */
export async function renderOne(source, variables, field) {
  try {
    return { ok: true, text: renderString(source, { ...variables, vars: variables }) };
  } catch (err) {
    return { ok: false, problem: problemOf(err, field, "content") };
  }
}

const sha = (b) => createHash("sha256").update(b).digest("hex");
const encoder = new TextEncoder();
const PARTS = ["path", "content", "instructions"];

/**
 * Renders every file, collecting problems; stops at the first time or memory limit. Bytes come in
 * buffers of their own, so the worker can transfer them. `onStep(index, part)` says what is being
 * rendered (index -1: the instructions), so a job terminated from outside can still name it.
 * With a `cacheKey` (a template version's id: versions never change) parsed sources are reused.
 * `onFile(file)`, when given, takes each rendered file as it is made and returns what to keep of
 * it (the worker zips it and keeps no bytes).
 */
export async function renderJob({ files, variables, instructions = "", cacheKey }, onStep = () => {}, onFile = undefined) {
  const scope = { ...variables, vars: variables };
  const cache = cacheKey ? versionCache(cacheKey, files.reduce((n, f) => n + f.path.length + (f.binary ? 0 : f.content.length), instructions.length)) : undefined;
  /** @type {RenderProblem[]} */
  const problems = [];
  /** @type {RenderedFile[]} */
  const out = [];
  const skipped = [];
  const seen = new Set();
  let total = 0;
  const attempt = async (index, part, source, file) => {
    onStep(index, PARTS.indexOf(part));
    try {
      return { text: renderString(source, scope, cache, `${index}:${part}`) };
    } catch (err) {
      problems.push(problemOf(err, file, part));
      return { stop: isLimitError(err) };
    }
  };
  const tooLarge = (message) => ({ ok: false, tooLarge: message });
  for (const [index, f] of files.entries()) {
    const path = await attempt(index, "path", f.path, f.path);
    if (path.stop) return { ok: false, problems };
    if (path.text === undefined) continue;
    const rendered = path.text.trim();
    if (rendered === "") {
      skipped.push(f.path);
      continue;
    }
    const checked = checkRenderedPath(rendered);
    if (!checked.ok) {
      problems.push({ file: f.path, part: "path", line: null, column: null, message: `the rendered path "${rendered.slice(0, 200)}" ${checked.reason}` });
      continue;
    }
    if (seen.has(checked.path)) {
      problems.push({ file: f.path, part: "path", line: null, column: null, message: `renders to "${checked.path}", which another file also renders to` });
      continue;
    }
    seen.add(checked.path);
    let bytes;
    if (f.binary) {
      bytes = new Uint8Array(Buffer.from(f.content, "base64"));
    } else {
      const content = await attempt(index, "content", f.content, f.path);
      if (content.stop) return { ok: false, problems };
      if (content.text === undefined) continue;
      // Each UTF-8 byte holds at most one UTF-16 unit: refuse before encoding a huge string.
      if (content.text.length > limits.maxOutputBytes - total) return tooLarge(`The output would exceed ${limits.maxOutputBytes} bytes`);
      bytes = encoder.encode(content.text);
    }
    total += bytes.byteLength;
    if (out.length + 1 > limits.maxOutputFiles) return tooLarge(`The output would have more than ${limits.maxOutputFiles} files`);
    if (total > limits.maxOutputBytes) return tooLarge(`The output would exceed ${limits.maxOutputBytes} bytes`);
    const file = { path: checked.path, bytes, binary: Boolean(f.binary), sha256: sha(bytes) };
    out.push(onFile ? onFile(file) : file);
  }
  let renderedInstructions = "";
  if (instructions) {
    const r = await attempt(-1, "instructions", instructions, "instructions");
    renderedInstructions = r.text ?? "";
  }
  if (problems.length) return { ok: false, problems };
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, files: out, instructions: renderedInstructions, skipped };
}

/** Checks template sources parse, without rendering; cheap enough for the main thread. */
export function parseProblems(files, instructions = "") {
  /** @type {RenderProblem[]} */
  const problems = [];
  const check = (source, file, part) => {
    try {
      engine.parse(source);
    } catch (err) {
      problems.push(problemOf(err, file, part));
    }
  };
  for (const f of files) {
    check(f.path, f.path, "path");
    if (!f.binary) check(f.content, f.path, "content");
  }
  if (instructions) check(instructions, "instructions", "instructions");
  return problems;
}
