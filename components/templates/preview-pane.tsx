"use client";
// The editor's right-hand pane: sample values (a form from the schema), then the rendered files,
// the rendered instructions, or every problem found (in plain words from the server) with its
// file, line and column.
import { AlertTriangle, Loader2 } from "lucide-react";
import { useState } from "react";
import { errorMessage } from "@/components/trpc/client";
import { cn } from "@/components/ui/cn";
import { Markdown } from "@/components/ui/markdown";
import type { usePreview } from "./use-preview";
import { VariablesForm, type VariablesSchemaShape } from "./variables-form";

type Preview = ReturnType<typeof usePreview>;

export function PreviewPane({
  schema,
  values,
  onValues,
  preview,
  onJump,
}: {
  schema: VariablesSchemaShape | null;
  values: Record<string, unknown>;
  onValues: (v: Record<string, unknown>) => void;
  preview: Preview;
  onJump: (file: string, line: number | null) => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const r = preview.result;
  // While the sources have problems, the files shown are the last good render's.
  const good = r?.problems.length ? preview.lastGood : r;
  const files = good?.files ?? [];
  const shown = files.find((f) => f.path === open) ?? files[0];
  return (
    <div className="grid content-start gap-4" data-testid="preview">
      <section>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-muted-fg">Sample values</h3>
        <VariablesForm schema={schema} values={values} onChange={onValues} errors={r?.variables} idPrefix="sample" />
      </section>
      <section aria-live="polite">
        <h3 className="mb-2 flex items-center gap-2 text-xs font-semibold uppercase tracking-wide text-muted-fg">
          Preview {preview.pending ? <Loader2 className="size-3 animate-spin" aria-label="Rendering" /> : null}
        </h3>
        {preview.error ? <p className="text-sm text-danger">{errorMessage(preview.error)}</p> : null}
        {r?.problems.length ? (
          <ul className="grid gap-1.5" data-testid="problems">
            {r.problems.map((p, i) => (
              <li key={i}>
                <button className="flex w-full items-start gap-2 rounded-md border border-danger/40 bg-danger/5 p-2 text-left text-sm hover:bg-danger/10" onClick={() => onJump(p.file, p.line)}>
                  <AlertTriangle className="mt-0.5 size-4 shrink-0 text-danger" aria-hidden />
                  <span>
                    <span className="font-mono text-xs">
                      {p.file}
                      {p.line ? `:${p.line}:${p.column}` : ""}
                    </span>
                    <span className="block">
                      {p.line ? `Line ${p.line}, column ${p.column}: ` : ""}
                      {p.message}
                    </span>
                  </span>
                </button>
              </li>
            ))}
            {r.problemCount > r.problems.length ? (
              <li className="text-sm text-muted-fg" data-testid="more-problems">
                and {r.problemCount - r.problems.length} more {r.problemCount - r.problems.length === 1 ? "problem" : "problems"} not listed
              </li>
            ) : null}
          </ul>
        ) : null}
        {good ? (
          <div className={cn("grid gap-2", good !== r && "mt-3 opacity-60")}>
            {good !== r ? <p className="text-xs text-muted-fg" data-testid="last-good">The last preview without problems:</p> : null}
            <ul className="grid gap-0.5" data-testid="preview-files">
              {files.map((f) => (
                <li key={f.path}>
                  <button
                    onClick={() => setOpen(f.path)}
                    className={cn("flex w-full justify-between gap-2 rounded px-2 py-1 text-left font-mono text-xs", shown?.path === f.path ? "bg-muted" : "hover:bg-muted/60")}
                  >
                    <span className="truncate">{f.path}</span>
                    <span className="shrink-0 text-muted-fg">{f.size} B</span>
                  </button>
                </li>
              ))}
              {files.length === 0 ? <li className="text-sm text-muted-fg">Every file was skipped: their paths render empty with these values.</li> : null}
            </ul>
            {shown ? (
              <pre className="max-h-80 overflow-auto rounded-md border border-border bg-muted p-3 font-mono text-xs leading-relaxed" data-testid="preview-content">
                {shown.encoding === "base64" ? `(binary, ${shown.size} bytes)` : shown.content}
              </pre>
            ) : null}
            {good.instructions ? (
              <details className="rounded-md border border-border p-2 text-sm" open>
                <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-muted-fg">Instructions</summary>
                <Markdown className="mt-2">{good.instructions}</Markdown>
              </details>
            ) : null}
          </div>
        ) : r?.problems.length ? null : (
          <p className="text-sm text-muted-fg">Rendering…</p>
        )}
      </section>
    </div>
  );
}
