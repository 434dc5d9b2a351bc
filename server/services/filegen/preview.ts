import "server-only";
// Preview: renders unsaved template sources with sample values, for the editor's live pane.
// Problems come back as data (file, line, column) rather than as an error, so the editor can
// mark them while the rest still renders.
import { AppError, type FieldIssue } from "@/server/errors";
import { type JsonFile, toJsonFiles } from "./package";
import { checkSources, LISTED_PROBLEMS, type RenderProblem, renderFiles } from "./render";
import type { RunOptions } from "./render-pool";
import { resolveVariables, type VariablesSchema } from "./variables";

export interface PreviewResult {
  files: JsonFile[];
  instructions: string;
  /** The first LISTED_PROBLEMS problems; `problemCount` says how many there are. */
  problems: RenderProblem[];
  problemCount: number;
  variables: FieldIssue[];
}

export async function previewTemplate(input: {
  files: { path: string; content: string; binary?: boolean }[];
  variables?: Record<string, unknown>;
  values: Record<string, unknown>;
  instructions?: string;
}, opts?: RunOptions): Promise<PreviewResult> {
  const empty: PreviewResult = { files: [], instructions: "", problems: [], problemCount: 0, variables: [] };
  const found = (problems: RenderProblem[], count = problems.length) => ({ ...empty, problems: problems.slice(0, LISTED_PROBLEMS), problemCount: count });
  const parse = await checkSources(input.files, input.instructions, opts);
  if (parse.length) return found(parse);
  let values: Record<string, unknown>;
  try {
    values = resolveVariables(input.variables as VariablesSchema | undefined, input.values);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // Render anyway with what was given, so the preview stays useful while a value is missing.
    values = input.values;
    empty.variables = err.details?.fields ?? [];
  }
  try {
    const r = await renderFiles(input.files, values, input.instructions, opts);
    return { ...empty, files: toJsonFiles(r.files), instructions: r.instructions };
  } catch (err) {
    if (err instanceof AppError && Array.isArray(err.details?.problems)) {
      const problems = err.details.problems as RenderProblem[];
      return found(problems, typeof err.details.problemCount === "number" ? err.details.problemCount : problems.length);
    }
    if (err instanceof AppError) return found([{ file: "(template)", part: "content", line: null, column: null, message: err.message }]);
    throw err;
  }
}
