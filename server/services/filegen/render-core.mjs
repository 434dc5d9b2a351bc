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
import { plainProblem } from "./plain-problem.mjs";

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
      : plainProblem(message);
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
 * it (the worker zips it and keeps no bytes), given the template path it came from too.
 * A result that stopped at a limit says `stopped`.
 */
export async function renderJob({ files, variables, instructions = "", cacheKey, offset = 0, sourceChars }, onStep = () => {}, onFile = undefined) {
  const scope = { ...variables, vars: variables };
  // A part of a larger job (`offset`: its first file's index in the version) caches under the
  // version's own indices and weight, so any worker may render any part.
  const chars = sourceChars ?? files.reduce((n, f) => n + f.path.length + (f.binary ? 0 : f.content.length), instructions.length);
  const cache = cacheKey ? versionCache(cacheKey, chars) : undefined;
  /** @type {RenderProblem[]} */
  const problems = [];
  /** @type {RenderedFile[]} */
  const out = [];
  const skipped = [];
  const seen = new Set();
  let total = 0;
  const attempt = async (index, part, source, file) => {
    const at = index < 0 ? index : offset + index;
    onStep(at, PARTS.indexOf(part));
    try {
      return { text: renderString(source, scope, cache, `${at}:${part}`) };
    } catch (err) {
      problems.push(problemOf(err, file, part));
      return { stop: isLimitError(err) };
    }
  };
  const tooLarge = (message) => ({ ok: false, tooLarge: message });
  for (const [index, f] of files.entries()) {
    const path = await attempt(index, "path", f.path, f.path);
    if (path.stop) return { ok: false, problems, stopped: true };
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
      if (content.stop) return { ok: false, problems, stopped: true };
      if (content.text === undefined) continue;
      // Each UTF-8 byte holds at most one UTF-16 unit: refuse before encoding a huge string.
      if (content.text.length > limits.maxOutputBytes - total) return tooLarge(`The output would exceed ${limits.maxOutputBytes} bytes`);
      bytes = encoder.encode(content.text);
    }
    total += bytes.byteLength;
    if (out.length + 1 > limits.maxOutputFiles) return tooLarge(`The output would have more than ${limits.maxOutputFiles} files`);
    if (total > limits.maxOutputBytes) return tooLarge(`The output would exceed ${limits.maxOutputBytes} bytes`);
    const file = { path: checked.path, bytes, binary: Boolean(f.binary), sha256: sha(bytes) };
    out.push(onFile ? onFile(file, f.path) : file);
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

/** Problems one source may report: past these its file says no more (the job's budget bounds the rest). */
const PER_SOURCE = 100;
/** Problems one check collects at most; a caller shows the first few and counts the rest. */
export const MAX_PROBLEMS = 1_000;
/**
 * Characters parsed again (after a first problem) per check at most — about a second of parsing:
 * past it each source still gets its first parse, so every file reports at least its first problem.
 */
const REPARSE_CHARS = 40_000_000;

/** 1-based line and column of an index. */
function positionOf(text, index) {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return [line, index - start + 1];
}

/** The same text with [from, to) turned into spaces (newlines kept, so later positions stay put). */
const blank = (text, from, to) => text.slice(0, from) + text.slice(from, to).replace(/[^\n]/g, " ") + text.slice(to);

/**
 * Every problem in one source, not only the first: liquidjs stops at its first error, so the
 * broken piece is blanked out (its opening delimiter, or the whole tag) and the rest parsed again,
 * until it parses or PER_SOURCE problems are found. An `{% endfor %}` left over by a blanked
 * `{% for %}` is the same mistake and is not reported again.
 */
function sourceProblems(source, file, part, all, work) {
  /** @type {RenderProblem[]} */
  const problems = [];
  try {
    collect(source, file, part, problems, MAX_PROBLEMS - all.length, work);
  } finally {
    // In the order they stand in the source, not the order liquidjs stumbled on them.
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    all.push(...problems);
  }
}

function collect(source, file, part, problems, room, work) {
  let text = source;
  let again = false;
  /** Where block tags were blanked out, by name: their end tags (and else/when) are not new problems. */
  const dropped = new Map();
  for (let found = 0; found < Math.min(PER_SOURCE, room); ) {
    if (again && work.reparsed > REPARSE_CHARS) return;
    try {
      if (again) work.reparsed += text.length;
      again = true;
      engine.parse(text);
      return;
    } catch (err) {
      const token = err?.token;
      const begin = typeof token?.begin === "number" ? token.begin : -1;
      const problem = problemOf(err, file, part);
      let from;
      let to;
      if (err?.name === "TokenizationError" && begin >= 0) {
        // A broken {{ … }} or {% … %}: blank its opening delimiter and the rest reads as text.
        from = Math.max(text.lastIndexOf("{{", begin), text.lastIndexOf("{%", begin));
        to = from + 2;
        // `{{ name }` runs on to a later `}}`: say so where it opens, not where liquidjs gave up.
        if (from >= 0 && text.startsWith("{{", from) && /^expected "\|" before filter/.test(err.message)) {
          [problem.line, problem.column] = positionOf(text, from);
          problem.message = `${text.slice(from).split("\n")[0].trimEnd()} is not closed: end it with }}`;
        }
      } else if (begin >= 0 && typeof token.end === "number" && token.end > begin) {
        from = begin;
        to = token.end;
      }
      // The tag's name: a tag token's own, or read after a blanked `{%`.
      const name = typeof token?.name === "string" ? token.name : from >= 0 && text.startsWith("{%", from) ? (/^\{%-?\s*(\w+)/.exec(text.slice(from, from + 64))?.[1] ?? "") : "";
      const end = name.startsWith("end") ? name.slice(3) : "";
      // An end tag (or else/when) after a blanked opener of its block: that opener's mistake.
      const opener = (want) => (dropped.get(want) ?? []).findIndex((at) => at < begin);
      const inner = ["else", "elsif", "when"].includes(name) ? [...dropped.keys()].find((k) => opener(k) >= 0) : undefined;
      const echoOf = end && opener(end) >= 0 ? end : inner;
      if (echoOf !== undefined) {
        if (end) dropped.get(end).splice(opener(end), 1);
      } else {
        problems.push(problem);
        found++;
        if (name && !end) dropped.set(name, [...(dropped.get(name) ?? []), Math.max(from ?? begin, 0)]);
      }
      // Nothing left to blank there: the next parse would fail the same way.
      if (from === undefined || from < 0 || !/[^\s]/.test(text.slice(from, to))) return;
      text = blank(text, from, to);
    }
  }
}

/**
 * Every parse problem of the sources (paths, contents, instructions), in order, without rendering;
 * at most MAX_PROBLEMS. Runs in a render worker (kind "check") under the job's budget.
 */
export function parseProblems(files, instructions = "", onStep = () => {}) {
  /** @type {RenderProblem[]} */
  const problems = [];
  const work = { reparsed: 0 };
  for (const [index, f] of files.entries()) {
    onStep(index, 0);
    sourceProblems(f.path, f.path, "path", problems, work);
    onStep(index, 1);
    if (!f.binary) sourceProblems(f.content, f.path, "content", problems, work);
  }
  onStep(-1, 2);
  if (instructions) sourceProblems(instructions, "instructions", "instructions", problems, work);
  return problems;
}
