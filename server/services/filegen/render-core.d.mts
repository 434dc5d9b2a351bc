import type { Liquid } from "liquidjs";

export interface SourceFile {
  path: string;
  content: string;
  binary?: boolean;
}

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

export interface RenderJobInput {
  files: SourceFile[];
  variables: Record<string, unknown>;
  instructions?: string;
  /** A template version's id: its parsed sources are cached in the worker (versions never change). */
  cacheKey?: string;
  /** For a part of a larger job: its first file's index among the version's files. */
  offset?: number;
  /** For a part of a larger job: what the whole version's sources weigh (for the parse cache). */
  sourceChars?: number;
}

export type RenderJobResult =
  | { ok: true; files: RenderedFile[]; instructions: string; skipped: string[] }
  | { ok: false; problems: RenderProblem[]; tooLarge?: undefined; stopped?: true }
  | { ok: false; tooLarge: string; problems?: undefined; stopped?: undefined };

/** A file the worker put in an archive: what the manifest keeps of it. */
export interface ArchivedFile {
  path: string;
  size: number;
  binary: boolean;
  sha256: string;
}

export type RenderArchiveResult =
  | { ok: true; files: ArchivedFile[]; archive: Uint8Array; instructions: string; skipped: string[] }
  | Exclude<RenderJobResult, { ok: true }>;

/** A file of a part of a large job, compressed for the archive by the worker. */
export type PartEntry = ArchivedFile & { crc: number; data: Uint8Array; source: string };

export type RenderPartResult =
  | { ok: true; files: PartEntry[]; instructions: string; skipped: string[] }
  | Exclude<RenderJobResult, { ok: true }>;

export type RenderRepositoryResult =
  | { ok: true; files: ArchivedFile[]; repo: [string, Uint8Array][]; instructions: string; skipped: string[] }
  | Exclude<RenderJobResult, { ok: true }>;

export type RenderOneResult = { ok: true; text: string } | { ok: false; problem: RenderProblem };

export declare const engine: Liquid;
export function isLimitError(err: unknown): boolean;
export function problemOf(err: unknown, file: string, part: RenderProblem["part"]): RenderProblem;
export function renderOne(source: string, variables: Record<string, unknown>, field: string): Promise<RenderOneResult>;
export function renderJob(job: RenderJobInput, onStep?: (index: number, part: number) => void, onFile?: (file: RenderedFile, source: string) => unknown): Promise<RenderJobResult>;
/** Every parse problem, in source order per file, at most MAX_PROBLEMS (runs in the workers). */
export function parseProblems(files: SourceFile[], instructions?: string, onStep?: (index: number, part: number) => void): RenderProblem[];
export declare const MAX_PROBLEMS: number;
