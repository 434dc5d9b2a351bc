"use client";
// One agent: status, capabilities, performance (runs, success rate, p50/p95, load) with a chart
// of recent durations, its tasks, and enable/disable/delete.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { RunOnAgentDialog } from "@/components/marketplace/run-on-agent-dialog";
import { PageHeader } from "@/components/shell/page-header";
import { TaskStatus } from "@/components/tasks/task-status";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { SharingSelect } from "@/components/ui/sharing-select";
import { LoadingRows } from "@/components/ui/skeleton";
import { AgentStatusDot, dur, pct } from "./agent-status";
import { DurationChart } from "./duration-chart";
import { RelativeTime } from "@/components/ui/relative-time";

export function AgentDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const agent = useQuery({ ...trpc.agents.get.queryOptions({ agentId: id }), refetchInterval: 5000 });
  const history = useQuery(trpc.tasks.list.queryOptions({ agentId: id, limit: 50, sort: "newest" }));
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.agents.pathKey() });
  const update = useMutation(trpc.agents.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.agents.delete.mutationOptions({ onSuccess: async () => (await refresh(), router.push("/agents")) }));
  if (agent.isLoading) return <LoadingRows label="Loading agent" rows={5} />;
  if (agent.error || !agent.data) return <FormError message={errorMessage(agent.error) || "Agent not found"} />;
  const a = agent.data;
  const finished = (history.data?.items ?? []).filter((t) => (t.status === "succeeded" || t.status === "failed") && t.startedAt && t.endedAt).reverse();
  const runs = finished.map((t) => ({ id: t.id, ms: t.endedAt!.getTime() - t.startedAt!.getTime(), ok: t.status === "succeeded" }));
  return (
    <>
      <PageHeader
        title={a.name}
        description={a.description || undefined}
        actions={
          a.owned ? (
            <>
              <Button variant="secondary" onClick={() => update.mutate({ agentId: a.id, disabled: a.status !== "disabled" })} disabled={update.isPending} data-testid="toggle-agent">
                {a.status === "disabled" ? "Enable" : "Disable"}
              </Button>
              {a.kind !== "builtin:filegen" ? (
                <Button variant="ghost" onClick={() => confirm(`Delete ${a.name}?`) && remove.mutate({ agentId: a.id })} disabled={remove.isPending} aria-label="Delete agent">
                  <Trash2 />
                </Button>
              ) : null}
            </>
          ) : a.sharing === "public" ? (
            <RunOnAgentDialog agent={a} />
          ) : null
        }
      />
      {update.error || remove.error ? <FormError message={errorMessage(update.error ?? remove.error)} /> : null}
      <div className="mb-4 flex flex-wrap items-center gap-3 text-sm text-muted-fg">
        <AgentStatusDot status={a.status} />
        <span className="font-mono text-xs">{a.kind}</span>
        <span>last heartbeat {a.lastHeartbeatAt ? <RelativeTime at={a.lastHeartbeatAt} /> : "never"}</span>
        {a.owned ? (
          <label className="flex items-center gap-1.5">
            sharing
            <SharingSelect value={a.sharing} onChange={(sharing) => update.mutate({ agentId: a.id, sharing })} disabled={update.isPending} className="h-7 w-auto py-0 text-xs" data-testid="agent-sharing" />
          </label>
        ) : (
          <span>
            sharing: {a.sharing}
            {a.publisher ? ` · by ${a.publisher}` : ""}
            {a.sharing === "public" ? ` · ${a.priceCredits ? `${a.priceCredits} credits per task` : "free"}` : ""}
          </span>
        )}
        <a href={`/api/agents/${a.id}/agent-card.json`} className="text-xs hover:underline">
          A2A agent card
        </a>
      </div>
      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="agent-stats">
        <Metric label="Load" value={`${a.stats.running}/${a.maxConcurrency}`} />
        <Metric label="Runs" value={String(a.stats.runs)} />
        <Metric label="Success rate" value={pct(a.stats.successRate)} />
        <Metric label="p50" value={dur(a.stats.p50Ms)} />
        <Metric label="p95" value={dur(a.stats.p95Ms)} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Durations</CardTitle>
          </CardHeader>
          <CardContent>
            <DurationChart runs={runs} p50={a.stats.p50Ms} p95={a.stats.p95Ms} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Capabilities</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-1.5">
            {a.capabilities.map((c) => (
              <span key={c} className="rounded bg-muted px-2 py-0.5 font-mono text-xs">
                {c}
              </span>
            ))}
            {a.url ? <p className="mt-2 w-full break-all text-xs text-muted-fg">Webhook: {a.url}</p> : null}
          </CardContent>
        </Card>
      </div>
      <Card className="mt-4">
        <CardHeader>
          <CardTitle>Recent tasks</CardTitle>
        </CardHeader>
        <CardContent>
          {history.data?.items.length ? (
            <ul className="divide-y divide-border">
              {history.data.items.slice(0, 20).map((t) => (
                <li key={t.id} className="flex items-center gap-3 py-2 text-sm">
                  <TaskStatus status={t.status} />
                  <Link href={`/tasks/${t.id}`} className="flex-1 truncate hover:underline">
                    {t.title}
                  </Link>
                  <RelativeTime at={t.createdAt} className="text-xs text-muted-fg" />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-fg">No task has gone to this agent yet.</p>
          )}
        </CardContent>
      </Card>
    </>
  );
}

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl border border-border bg-card p-3">
      <div className="text-xs text-muted-fg">{label}</div>
      <div className="text-lg font-semibold tabular-nums">{value}</div>
    </div>
  );
}
