"use client";
// What a generation produced: progress while it runs, then the download, the clone command or the
// files, and the instructions; or the error that stopped it, naming the field.
import { useQuery } from "@tanstack/react-query";
import { Download, Loader2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { CopyField } from "@/components/settings/copy-field";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Markdown } from "@/components/ui/markdown";
import type { GenerationOutput } from "@/server/schemas/filegen";

export const statusTone = { queued: "neutral", running: "info", succeeded: "success", failed: "danger" } as const;
export const formatBytes = (n: number | null) => (n === null ? "—" : n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** What a generation cost: reused for free, or the template's price held, paid or refunded. */
function chargeLine(g: GenerationOutput, price: number): string | null {
  if (g.reused) return "Reused your earlier result: nothing charged.";
  if (!price) return null;
  const n = `${price.toLocaleString()} credits`;
  return g.status === "succeeded" ? `Charged ${n}.` : g.status === "failed" ? `Not charged: the ${n} held were refunded.` : `${n} held until it finishes (refunded if it fails).`;
}

/**
 * `refetch`: the initial value is a list row (no files, links to refresh): read it again first.
 * `price`: what a new generation of it costs this organization, to say whether it was charged.
 */
export function GenerationResult({ initial, refetch = false, price = 0 }: { initial: GenerationOutput; refetch?: boolean; price?: number }) {
  const trpc = useTRPC();
  const finished = (g: GenerationOutput) => g.status === "succeeded" || g.status === "failed";
  const live = useQuery({
    ...trpc.generations.get.queryOptions({ id: initial.id }),
    initialData: finished(initial) && !refetch ? initial : undefined,
    refetchInterval: (q) => (q.state.data && finished(q.state.data) ? false : 500),
  });
  const g = live.data ?? initial;
  const [open, setOpen] = useState<string | null>(null);
  const shown = g.files?.find((f) => f.path === open);
  const charge = chargeLine(g, price);
  return (
    <div className="grid gap-3" data-testid="generation-result">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={statusTone[g.status]}>{g.status}</Badge>
        {g.reused ? <Badge>reused</Badge> : null}
        <span className="text-muted-fg">
          {g.fileCount ?? "…"} files · {formatBytes(g.bytes)} · {g.durationMs ?? "…"} ms
        </span>
        <Link href={`/runs?subject=${g.id}`} className="ml-auto text-xs text-muted-fg hover:underline">
          Runs
        </Link>
      </div>
      {charge ? (
        <p className="text-sm" data-testid="generation-charge">
          {charge}
        </p>
      ) : null}
      {!finished(g) ? (
        <div className="grid gap-1" role="status" aria-label="Generating">
          <div className="h-2 overflow-hidden rounded-full bg-muted">
            <div className="h-full bg-primary transition-all" style={{ width: `${g.progress}%` }} />
          </div>
          <p className="flex items-center gap-1 text-xs text-muted-fg">
            <Loader2 className="size-3 animate-spin" aria-hidden /> Rendering and packaging… {g.progress}%
          </p>
        </div>
      ) : null}
      {live.error ? <p className="text-sm text-danger">{errorMessage(live.error)}</p> : null}
      {g.status === "failed" && g.error ? (
        <div role="alert" className="rounded-md border border-danger/40 bg-danger/5 p-3 text-sm">
          <p className="font-medium text-danger">{g.error.message}</p>
          {g.error.fields?.length ? (
            <ul className="mt-1 list-disc pl-5 text-xs">
              {g.error.fields.map((f) => (
                <li key={f.path}>
                  <code className="font-mono">{f.path}</code> {f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {g.status === "succeeded" ? (
        <>
          {g.format === "zip" && g.downloadUrl ? (
            <Button asChild>
              <a href={g.downloadUrl} download data-testid="download-zip">
                <Download /> Download ZIP
              </a>
            </Button>
          ) : null}
          {g.pushed ? (
            <p className="text-sm" data-testid="pushed">
              Pushed <code className="font-mono text-xs">{g.pushed.commit.slice(0, 8)}</code> to {g.pushed.url} ({g.pushed.branch})
            </p>
          ) : null}
          {g.format === "git" && g.cloneUrl ? (
            <div className="grid gap-1">
              <p className="text-xs text-muted-fg">Clone it (the link expires in 24 hours):</p>
              <CopyField value={`git clone ${g.cloneUrl}`} testId="clone-command" />
            </div>
          ) : null}
          {g.files?.length ? (
            <div className="grid gap-1">
              <ul className="max-h-48 overflow-auto rounded-md border border-border" data-testid="generated-files">
                {g.files.map((f) => (
                  <li key={f.path}>
                    <button
                      className={cn("flex w-full justify-between gap-2 px-2 py-1 text-left font-mono text-xs hover:bg-muted", open === f.path && "bg-muted")}
                      onClick={() => setOpen(open === f.path ? null : f.path)}
                      disabled={f.content === undefined}
                    >
                      <span className="truncate">{f.path}</span>
                      <span className="shrink-0 text-muted-fg">{formatBytes(f.size)}</span>
                    </button>
                  </li>
                ))}
              </ul>
              {shown?.content !== undefined ? (
                <pre className="max-h-64 overflow-auto rounded-md bg-muted p-3 font-mono text-xs">{shown.encoding === "base64" ? `(binary, ${shown.size} bytes)` : shown.content}</pre>
              ) : null}
            </div>
          ) : null}
          {g.format === "json" && g.downloadUrl ? (
            <a href={g.downloadUrl} className="text-xs text-primary hover:underline">
              Download the file list as JSON
            </a>
          ) : null}
          {g.instructions ? (
            <div className="rounded-md border border-border p-3">
              <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted-fg">Instructions</p>
              <Markdown testId="instructions">{g.instructions}</Markdown>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
