import "server-only";
// Rendering untrusted Liquid templates: paths and contents are both templates, a path that
// renders empty skips the file, binary files pass through, and every error names its file,
// line and column. The rendering runs in the worker pool (render-pool.ts) with a whole-call
// budget; the logic itself is render-core.mjs. Parse checks run there too, listing every problem.
import type { TemplateFile } from "@/db/schema";
import { AppError, type FieldIssue } from "@/server/errors";
import { zipWriter } from "./archive.mjs";
import { limits } from "./limits.mjs";
import type { ArchivedFile, RenderArchiveResult, RenderedFile, RenderPartResult, RenderRepositoryResult, RenderJobResult, RenderOneResult, RenderProblem } from "./render-core.mjs";
import { isRenderBudgetError, type RenderPool, renderPool, type RunOptions } from "./render-pool";

export type { ArchivedFile, RenderedFile, RenderProblem };

/** Problems an error lists one by one; the rest are counted. */
export const LISTED_PROBLEMS = 50;

const located = (p: RenderProblem) => `${p.line ? `line ${p.line}, column ${p.column}: ` : ""}${p.message}`;

/**
 * One error for all the problems found: its message names the first and how many there are, its
 * fields (which every surface shows) list the first LISTED_PROBLEMS and say how many more.
 */
export function problemsError(problems: RenderProblem[]): AppError {
  const listed = problems.slice(0, LISTED_PROBLEMS);
  const more = problems.length - listed.length;
  const fields: FieldIssue[] = listed.map((p) => ({ path: `files.${p.file}${p.part === "path" ? ".path" : ""}`, message: located(p) }));
  if (more > 0) fields.push({ path: "files", message: `and ${more} more problem${more === 1 ? "" : "s"} not listed` });
  const first = problems[0]!;
  const where = `${first.file}${first.line ? `:${first.line}:${first.column}` : ""}`;
  const count = problems.length > 1 ? ` (1 of ${problems.length} problems)` : "";
  return new AppError("UNPROCESSABLE_CONTENT", `Template error in ${where} (${first.part}): ${first.message}${count}`, {
    fields,
    problems: listed,
    problemCount: problems.length,
  });
}

/**
 * Every parse problem of the sources, found in a render worker under the job's budget (liquidjs
 * parses a few MB in well under it, but sources are untrusted): a budget error is one problem.
 */
export const checkSources = (files: { path: string; content: string; binary?: boolean }[], instructions = "", opts?: RunOptions) =>
  checkSourcesOn(renderPool(), files, instructions, opts);

export async function checkSourcesOn(pool: RenderPool, files: { path: string; content: string; binary?: boolean }[], instructions = "", opts?: RunOptions): Promise<RenderProblem[]> {
  const where = whereIn(files);
  try {
    return await pool.run<RenderProblem[]>({ kind: "check", files, instructions }, where, opts);
  } catch (err) {
    if (isRenderBudgetError(err)) return [err.problem];
    throw err;
  }
}

/** Throws every parse problem of the sources as one error (saving a version or a task template). */
export async function assertParses(files: { path: string; content: string; binary?: boolean }[], instructions = "", opts?: RunOptions): Promise<void> {
  const problems = await checkSources(files, instructions, opts);
  if (problems.length) throw problemsError(problems);
}

const textError = (field: string, p: RenderProblem) =>
  new AppError("UNPROCESSABLE_CONTENT", `${field}: ${p.line ? `line ${p.line}, column ${p.column}: ` : ""}${p.message}`, { fields: [{ path: field, message: p.message }] });

/** One Liquid string with the same sandbox as files (for task titles and descriptions). */
export const renderText = (source: string, variables: Record<string, unknown>, field: string, opts?: RunOptions) => renderTextOn(renderPool(), source, variables, field, opts);

export async function renderTextOn(pool: RenderPool, source: string, variables: Record<string, unknown>, field: string, opts?: RunOptions): Promise<string> {
  let r: RenderOneResult;
  try {
    r = await pool.run<RenderOneResult>({ kind: "text", source, variables, field }, () => ({ file: field, part: "content" }), opts);
  } catch (err) {
    if (isRenderBudgetError(err)) throw textError(field, err.problem);
    throw err;
  }
  if (!r.ok) throw textError(field, r.problem);
  return r.text;
}

export interface RenderResult {
  files: RenderedFile[];
  instructions: string;
  skipped: string[];
}

/**
 * Renders every file; collects all problems and throws them together, naming file, line and column.
 * `opts.orgId` says whose job it is, so that one organization cannot occupy every worker.
 */
export const renderFiles = (files: TemplateFile[], variables: Record<string, unknown>, instructions = "", opts?: ArchiveOptions) => renderFilesOn(renderPool(), files, variables, instructions, opts);

/** renderFiles on a given pool (tests pass one with a smaller budget). */
export const renderFilesOn = (pool: RenderPool, files: TemplateFile[], variables: Record<string, unknown>, instructions = "", opts?: ArchiveOptions) =>
  renderOn<RenderJobResult>(pool, { files, variables, instructions, cacheKey: opts?.cacheKey }, opts) as Promise<RenderResult>;

export interface ArchiveOptions extends RunOptions {
  /** The template version's id: its parsed sources are reused by the workers. */
  cacheKey?: string;
}

/**
 * Renders every file and zips them in the worker: the main thread receives the archive and each
 * file's path, size and digest, never the files themselves. Errors as renderFiles.
 */
export const renderZip = (files: TemplateFile[], variables: Record<string, unknown>, instructions = "", opts: ArchiveOptions = {}) =>
  renderZipOn(renderPool(), files, variables, instructions, opts);

export interface ZipResult {
  files: ArchivedFile[];
  archive: Uint8Array;
  instructions: string;
  skipped: string[];
}

/** Files per part at least when a large ZIP job is split across workers. */
export const SPLIT_FILES = 50;

/**
 * renderZip on a given pool. A large job is split by files across the workers its organization
 * may still use (the per-organization cap counts every part), all parts under one budget; each
 * worker compresses its files and the archive is put together here from their entries.
 */
export async function renderZipOn(pool: RenderPool, files: TemplateFile[], variables: Record<string, unknown>, instructions = "", opts: ArchiveOptions = {}): Promise<ZipResult> {
  const free = opts.orgId === undefined ? pool.workers : pool.perOrg - pool.running(opts.orgId);
  const parts = Math.min(pool.workers, free, Math.floor(files.length / SPLIT_FILES));
  if (parts < 2) return renderOn<RenderArchiveResult>(pool, { files, variables, instructions, cacheKey: opts.cacheKey, archive: "zip" }, opts) as Promise<ZipResult>;
  const size = Math.ceil(files.length / parts);
  const sourceChars = files.reduce((n, f) => n + f.path.length + (f.binary ? 0 : f.content.length), instructions.length);
  const where = whereIn(files);
  const deadline = {};
  const stop = new AbortController();
  type Settled = { r: RenderPartResult; err?: undefined } | { err: unknown; first: boolean; r?: undefined };
  const settled: Settled[] = await Promise.all(
    Array.from({ length: parts }, (_, i) => {
      const last = i === parts - 1;
      const task = { kind: "files", files: files.slice(i * size, (i + 1) * size), offset: i * size, sourceChars, variables, instructions: last ? instructions : "", cacheKey: opts.cacheKey, archive: "entries" };
      return pool.run<RenderPartResult>(task, where, { orgId: opts.orgId, deadline, signal: stop.signal }).then(
        (r): Settled => {
          // A limit ends the whole job, as it ends an unsplit one at its first limit.
          if (!r.ok && r.stopped) stop.abort();
          return { r };
        },
        (err: unknown): Settled => {
          const first = !stop.signal.aborted;
          stop.abort();
          return { err, first };
        },
      );
    }),
  );
  const failed = settled.find((s) => s.err !== undefined && s.first);
  if (failed) {
    if (isRenderBudgetError(failed.err)) throw problemsError([failed.err.problem]);
    throw failed.err;
  }
  const results = settled.flatMap((s) => (s.r ? [s.r] : []));
  const tooLarge = results.find((r) => !r.ok && typeof r.tooLarge === "string");
  if (tooLarge && !tooLarge.ok) throw new AppError("PAYLOAD_TOO_LARGE", tooLarge.tooLarge!);
  const problems = results.flatMap((r) => (r.ok ? [] : (r.problems ?? [])));
  const entries = results.flatMap((r) => (r.ok ? r.files : []));
  // What each part could not see: two parts' files rendering to one path, and the totals.
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.path)) problems.push({ file: e.source, part: "path", line: null, column: null, message: `renders to "${e.path}", which another file also renders to` });
    seen.add(e.path);
  }
  if (problems.length) throw problemsError(problems);
  if (entries.length > limits.maxOutputFiles) throw new AppError("PAYLOAD_TOO_LARGE", `The output would have more than ${limits.maxOutputFiles} files`);
  if (entries.reduce((n, e) => n + e.size, 0) > limits.maxOutputBytes) throw new AppError("PAYLOAD_TOO_LARGE", `The output would exceed ${limits.maxOutputBytes} bytes`);
  const writer = zipWriter();
  for (const e of entries) writer.addEntry(e);
  const ok = results as Extract<RenderPartResult, { ok: true }>[];
  return {
    files: entries.map(({ path, size, binary, sha256 }) => ({ path, size, binary, sha256 })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    archive: writer.finish(),
    instructions: ok.at(-1)!.instructions,
    skipped: ok.flatMap((r) => r.skipped),
  };
}

/** Renders every file into a packed Git repository in the worker, as renderZip does for a ZIP. */
export const renderGit = (files: TemplateFile[], variables: Record<string, unknown>, instructions: string, opts: ArchiveOptions & { message: string; date: Date }) =>
  renderOn<RenderRepositoryResult>(renderPool(), { files, variables, instructions, cacheKey: opts.cacheKey, archive: "git", git: { message: opts.message, date: opts.date.getTime() } }, opts) as Promise<{
    files: ArchivedFile[];
    repo: [string, Uint8Array][];
    instructions: string;
    skipped: string[];
  }>;

/** Names the file and part from a worker's last step, among the job's files. */
const whereIn = (files: { path: string }[]) => (index: number, part: number) =>
  index === -1
    ? { file: "instructions", part: "instructions" as const }
    : { file: files[index]?.path ?? "(template)", part: part === 0 ? ("path" as const) : ("content" as const) };

async function renderOn<R extends RenderJobResult | RenderArchiveResult | RenderRepositoryResult>(pool: RenderPool, job: { files: TemplateFile[] } & Record<string, unknown>, opts?: RunOptions) {
  const where = whereIn(job.files);
  let r: R;
  try {
    r = await pool.run<R>({ kind: "files", ...job }, where, opts);
  } catch (err) {
    if (isRenderBudgetError(err)) throw problemsError([err.problem]);
    throw err;
  }
  if (r.ok) {
    const { ok: _ok, ...rest } = r;
    return rest;
  }
  if (typeof r.tooLarge === "string") throw new AppError("PAYLOAD_TOO_LARGE", r.tooLarge);
  throw problemsError(r.problems);
}
