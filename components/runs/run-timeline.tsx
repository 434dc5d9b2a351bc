"use client";
// One run: status, event, the timeline of its steps (durations, attempts, outputs, errors), and
// cancel / retry.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCcw, Square } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { LoadingRows } from "@/components/ui/skeleton";
import { ms, RunStatus, span } from "./run-status";
import { functionLabel, RunPurpose } from "./run-purpose";

const finished = new Set(["completed", "failed", "cancelled"]);
const json = (v: unknown) => JSON.stringify(v, null, 2);

export function RunTimeline({ id }: { id: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const run = useQuery({ ...trpc.runs.get.queryOptions({ id }), refetchInterval: (q) => (q.state.data && finished.has(q.state.data.status) ? false : 750) });
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.runs.pathKey() });
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: refresh }));
  const retry = useMutation(trpc.runs.retry.mutationOptions({ onSuccess: async (r) => (await refresh(), router.push(`/runs/${r.id}`)) }));
  if (run.isLoading) return <LoadingRows label="Loading run" rows={4} />;
  if (run.error || !run.data) return <FormError message={errorMessage(run.error) || "Run not found"} />;
  const r = run.data;
  const total = span(r.startedAt, r.endedAt);
  const longest = Math.max(1, ...r.steps.map((s) => s.durationMs ?? 0));
  const subject = (r.event.data.generationId ?? r.event.data.taskId) as string | undefined;
  return (
    <>
      <PageHeader
        title={functionLabel(r.functionId)}
        description={`${r.functionId} · run ${r.id}`}
        actions={
          <>
            {!finished.has(r.status) ? (
              <Button variant="secondary" onClick={() => cancel.mutate({ id })} disabled={cancel.isPending} data-testid="cancel-run">
                <Square /> Cancel
              </Button>
            ) : null}
            {r.status === "failed" || r.status === "cancelled" ? (
              <Button onClick={() => retry.mutate({ id })} disabled={retry.isPending} data-testid="retry-run">
                <RotateCcw /> Retry
              </Button>
            ) : null}
          </>
        }
      />
      {cancel.error || retry.error ? <FormError message={errorMessage(cancel.error ?? retry.error)} /> : null}
      <div className="mb-4 flex flex-wrap items-center gap-3 text-sm text-muted-fg">
        <RunStatus status={r.status} />
        <RunPurpose event={r.event} />
        <span>
          event <code className="font-mono text-xs">{r.event.name}</code>
        </span>
        <span>{r.invocations} invocations</span>
        <span>total {ms(total)}</span>
        {r.parentRunId ? (
          <Link href={`/runs/${r.parentRunId}`} className="hover:underline">
            on failure of {r.parentRunId.slice(0, 8)}
          </Link>
        ) : null}
        {subject ? (
          <Link href={`/runs?subject=${subject}`} className="hover:underline">
            every run about {subject.slice(0, 8)}
          </Link>
        ) : null}
      </div>
      {r.error ? (
        <div role="alert" className="mb-4 rounded-md border border-danger/40 bg-danger/5 p-3 text-sm">
          <span className="font-medium text-danger">{r.error.name}:</span> {r.error.message}
        </div>
      ) : null}
      <Card className="p-4">
        <h2 className="mb-3 text-sm font-semibold">Steps</h2>
        {r.steps.length === 0 ? <p className="text-sm text-muted-fg">{r.status === "queued" ? "Waiting for a runner…" : "No step has run."}</p> : null}
        <ol className="grid gap-3" data-testid="run-steps">
          {r.steps.map((s) => (
            <li key={s.stepId} className="grid gap-1.5 rounded-md border border-border p-3">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-mono font-medium">{s.stepId}</span>
                <span className="text-xs text-muted-fg">{s.kind}</span>
                <RunStatus status={s.status} />
                {s.attempts > 1 ? <span className="text-xs text-amber-600">{s.attempts} attempts</span> : null}
                <span className="ml-auto text-xs text-muted-fg">{ms(s.durationMs)}</span>
              </div>
              <div className="h-1.5 rounded-full bg-muted">
                <div className="h-full rounded-full bg-primary" style={{ width: `${Math.max(2, ((s.durationMs ?? 0) / longest) * 100)}%` }} />
              </div>
              {s.error ? <p className="text-xs text-danger">{s.error.message}</p> : null}
              {s.output !== null && s.output !== undefined ? (
                <details className="text-xs">
                  <summary className="cursor-pointer text-muted-fg">Output</summary>
                  <pre className="mt-1 max-h-48 overflow-auto rounded bg-muted p-2 font-mono">{json(s.output)}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      </Card>
      <details className="mt-4 text-sm">
        <summary className="cursor-pointer text-muted-fg">Event and output</summary>
        <pre className="mt-2 max-h-64 overflow-auto rounded-md bg-muted p-3 font-mono text-xs">{json({ event: r.event, output: r.output })}</pre>
      </details>
    </>
  );
}
