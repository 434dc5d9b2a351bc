"use client";
// Recent workflow runs of the organization: the embedded engine's answer to Inngest's dashboard.
import { useInfiniteQuery } from "@tanstack/react-query";
import { Workflow } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { Select } from "@/components/ui/input";
import { LoadMore } from "@/components/ui/load-more";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import type { runStatus } from "@/server/schemas/runs";
import type { z } from "zod";
import { functionLabel, RunPurpose } from "./run-purpose";
import { ms, RunStatus, span } from "./run-status";
import { RelativeTime } from "@/components/ui/relative-time";
import { firstRunsPage } from "@/components/trpc/first-pages";

type Status = z.infer<typeof runStatus>;
const statuses: Status[] = ["queued", "running", "sleeping", "waiting", "completed", "failed", "cancelled"];
const active = new Set<Status>(["queued", "running", "sleeping", "waiting"]);

export function RunsList() {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const status = (params.get("status") as Status | null) ?? undefined;
  const subjectId = params.get("subject") ?? undefined;
  const runs = useInfiniteQuery(
    trpc.runs.list.infiniteQueryOptions(
      firstRunsPage({ status, subjectId }),
      { getNextPageParam: (p) => p.nextCursor, refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((r) => active.has(r.status))) ? 1000 : 5000) },
    ),
  );
  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    router.replace(`/runs${next.size ? `?${next}` : ""}`);
  };
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];
  const engine = runs.data?.pages[0]?.engine;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Select aria-label="Status" value={status ?? ""} onChange={(e) => setParam("status", e.target.value || undefined)} className="w-44">
          <option value="">Every status</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
        {subjectId ? (
          <Button variant="secondary" size="sm" onClick={() => setParam("subject", undefined)}>
            About {subjectId.slice(0, 8)} ×
          </Button>
        ) : null}
      </div>
      {runs.isLoading ? (
        <LoadingRows label="Loading runs" rows={5} />
      ) : runs.error ? (
        <FormError message={errorMessage(runs.error)} />
      ) : items.length === 0 ? (
        <EmptyState icon={Workflow} title={engine === "inngest" ? "Runs are on Inngest" : subjectId ? "No run for this one" : "No runs yet"}>
          {subjectId && engine !== "inngest"
            ? "It finished inside the call: small generations need no workflow run."
            : engine === "inngest"
            ? "Inngest is this deployment's workflow engine: its dashboard shows every run, step and retry."
            : "Durable work — large file generations, task executions — runs as workflows. Each run shows its steps with durations, attempts, outputs and errors, and can be cancelled or retried."}
        </EmptyState>
      ) : (
        <>
          <Table data-testid="runs">
            <thead>
              <tr>
                <Th>Run</Th>
                <Th>Status</Th>
                <Th>For</Th>
                <Th>Duration</Th>
                <Th>Started</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <Td>
                    <Link href={`/runs/${r.id}`} className="text-sm font-medium hover:underline">
                      {functionLabel(r.functionId)}
                    </Link>
                    <div className="font-mono text-[11px] text-muted-fg">{r.functionId}</div>
                  </Td>
                  <Td>
                    <RunStatus status={r.status} />
                  </Td>
                  <Td>
                    <RunPurpose event={r.event} />
                  </Td>
                  <Td className="whitespace-nowrap">{ms(span(r.startedAt ?? r.createdAt, r.endedAt))}</Td>
                  <Td className="whitespace-nowrap text-xs">
                    <RelativeTime at={r.createdAt} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMore query={runs} />
        </>
      )}
    </div>
  );
}
