// Rendering untrusted Liquid templates: paths and contents are both templates, a path that
// renders empty skips the file, binary files pass through, and every error names its file,
// line and column. liquidjs runs with parse, time and memory limits and own properties only.
import { createHash } from "node:crypto";
import { Liquid } from "liquidjs";
import type { TemplateFile } from "@/db/schema";
import { AppError, type FieldIssue } from "@/server/errors";
import { limits } from "./limits";
import { checkRenderedPath } from "./paths";

export interface RenderedFile {
  path: string;
  bytes: Uint8Array;
  binary: boolean;
  sha256: string;
}

export interface RenderProblem {
  file: string;
  part: "path" | "content" | "instructions";
  line: number | null;
  column: number | null;
  message: string;
}

const engine = new Liquid({
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

export function problemOf(err: unknown, file: string, part: RenderProblem["part"]): RenderProblem {
  const e = err as { message?: string; token?: { getPosition?: () => [number, number] } };
  const pos = e.token?.getPosition?.();
  const message = (e.message ?? String(err)).replace(/, line:\d+, col:\d+$/, "").split("\n")[0]!;
  const friendly = /memory alloc limit exceeded/.test(message)
    ? "the template allocates too much memory (a loop or range that is too large)"
    : /template render limit exceeded/.test(message)
      ? `the template took longer than ${limits.renderLimitMs} ms to render (a runaway loop?)`
      : message;
  return { file, part, line: pos?.[0] ?? null, column: pos?.[1] ?? null, message: friendly };
}

export function problemsError(problems: RenderProblem[]): AppError {
  const fields: FieldIssue[] = problems.map((p) => ({
    path: `files.${p.file}${p.part === "path" ? ".path" : p.part === "instructions" ? "" : ""}`,
    message: `${p.line ? `line ${p.line}, column ${p.column}: ` : ""}${p.message}`,
  }));
  const first = problems[0]!;
  const where = `${first.file}${first.line ? `:${first.line}:${first.column}` : ""}`;
  return new AppError("UNPROCESSABLE_CONTENT", `Template error in ${where} (${first.part}): ${first.message}`, { fields, problems });
}

async function renderString(source: string, scope: Record<string, unknown>): Promise<string> {
  const tpl = engine.parse(source);
  return engine.render(tpl, scope);
}

/** One Liquid string with the same sandbox as files (for task titles and descriptions). */
export async function renderText(source: string, variables: Record<string, unknown>, field: string): Promise<string> {
  try {
    return await renderString(source, { ...variables, vars: variables });
  } catch (err) {
    const p = problemOf(err, field, "content");
    throw new AppError("UNPROCESSABLE_CONTENT", `${field}: ${p.line ? `line ${p.line}, column ${p.column}: ` : ""}${p.message}`, { fields: [{ path: field, message: p.message }] });
  }
}

export interface RenderResult {
  files: RenderedFile[];
  instructions: string;
  skipped: string[];
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Renders every file; collects all problems and throws them together, naming file, line and column. */
export async function renderFiles(files: TemplateFile[], variables: Record<string, unknown>, instructions = ""): Promise<RenderResult> {
  const scope = { ...variables, vars: variables };
  const problems: RenderProblem[] = [];
  const out: RenderedFile[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const f of files) {
    let path: string;
    try {
      path = (await renderString(f.path, scope)).trim();
    } catch (err) {
      problems.push(problemOf(err, f.path, "path"));
      continue;
    }
    if (path === "") {
      skipped.push(f.path);
      continue;
    }
    const checked = checkRenderedPath(path);
    if (!checked.ok) {
      problems.push({ file: f.path, part: "path", line: null, column: null, message: `the rendered path "${path.slice(0, 200)}" ${checked.reason}` });
      continue;
    }
    if (seen.has(checked.path)) {
      problems.push({ file: f.path, part: "path", line: null, column: null, message: `renders to "${checked.path}", which another file also renders to` });
      continue;
    }
    seen.add(checked.path);
    let bytes: Uint8Array;
    if (f.binary) {
      bytes = Buffer.from(f.content, "base64");
    } else {
      try {
        bytes = Buffer.from(await renderString(f.content, scope), "utf8");
      } catch (err) {
        problems.push(problemOf(err, f.path, "content"));
        continue;
      }
    }
    total += bytes.byteLength;
    if (out.length + 1 > limits.maxOutputFiles) throw new AppError("PAYLOAD_TOO_LARGE", `The output would have more than ${limits.maxOutputFiles} files`);
    if (total > limits.maxOutputBytes) throw new AppError("PAYLOAD_TOO_LARGE", `The output would exceed ${limits.maxOutputBytes} bytes`);
    out.push({ path: checked.path, bytes, binary: Boolean(f.binary), sha256: sha(bytes) });
  }
  let renderedInstructions = "";
  if (instructions) {
    try {
      renderedInstructions = await renderString(instructions, scope);
    } catch (err) {
      problems.push(problemOf(err, "instructions", "instructions"));
    }
  }
  if (problems.length) throw problemsError(problems);
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: out, instructions: renderedInstructions, skipped };
}

/** Checks template sources parse, without rendering; for saving a version. */
export function parseProblems(files: TemplateFile[], instructions = ""): RenderProblem[] {
  const problems: RenderProblem[] = [];
  for (const f of files) {
    for (const part of ["path", "content"] as const) {
      if (part === "content" && f.binary) continue;
      try {
        engine.parse(part === "path" ? f.path : f.content);
      } catch (err) {
        problems.push(problemOf(err, f.path, part));
      }
    }
  }
  if (instructions) {
    try {
      engine.parse(instructions);
    } catch (err) {
      problems.push(problemOf(err, "instructions", "instructions"));
    }
  }
  return problems;
}
