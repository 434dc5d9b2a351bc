"use client";
// One task, live: progress and message as the agent reports them, why this agent (or which
// capabilities nobody offers), dependencies, the result (files for a generation) and the timeline.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ban, RotateCcw } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { GenerationResult } from "@/components/templates/generation-result";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { LoadingRows } from "@/components/ui/skeleton";
import { RegisterAgentDialog } from "@/components/agents/register-agent-dialog";
import { Priority, ProgressBar, TaskStatus } from "./task-status";
import { useLiveTasks } from "./use-live-tasks";

const when = (d: Date | null) => (d ? d.toLocaleString() : "—");
const final = new Set(["succeeded", "failed", "cancelled"]);

function Dependency({ id }: { id: string }) {
  const trpc = useTRPC();
  const t = useQuery(trpc.tasks.get.queryOptions({ id }));
  return (
    <li className="flex items-center gap-2 text-sm">
      {t.data ? <TaskStatus status={t.data.status} /> : null}
      <Link href={`/tasks/${id}`} className="hover:underline">
        {t.data?.title ?? id.slice(0, 8)}
      </Link>
    </li>
  );
}

function Timeline({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const events = useQuery(trpc.tasks.events.queryOptions({ taskId }));
  if (events.isLoading) return <LoadingRows rows={3} label="Loading timeline" />;
  return (
    <ol className="grid gap-2" data-testid="timeline">
      {events.data?.map((e) => (
        <li key={e.id} className="grid grid-cols-[7rem_1fr] gap-3 text-sm">
          <span className="text-xs text-muted-fg">{e.createdAt.toLocaleTimeString()}</span>
          <span>
            <span className="font-medium">{e.type.replaceAll("_", " ")}</span>
            {typeof e.data.progress === "number" ? <span className="text-muted-fg"> · {e.data.progress}%</span> : null}
            {e.data.message ? <span className="text-muted-fg"> · {String(e.data.message)}</span> : null}
            {e.data.agent ? <span className="text-muted-fg"> · {String(e.data.agent)}</span> : null}
            {typeof e.data.heldCredits === "number" ? <span className="text-muted-fg"> · {e.data.heldCredits} credits held</span> : null}
            {(e.type === "paid" || e.type === "refunded") && typeof e.data.credits === "number" ? (
              <span className="text-muted-fg">
                {" "}
                · {e.data.credits} credits{e.type === "paid" ? " to the agent's organization" : " back to your wallet"}
              </span>
            ) : null}
            {e.data.reason ? <span className="text-muted-fg"> · {String(e.data.reason)}</span> : null}
            {e.data.error ? <span className="text-danger"> · {String(e.data.error)}</span> : null}
            {Array.isArray(e.data.reasons) ? <span className="text-muted-fg"> · {(e.data.reasons as string[])[0]}</span> : null}
            <span className="text-xs text-muted-fg"> — {e.actor}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

export function TaskDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  useLiveTasks(id);
  const task = useQuery(trpc.tasks.get.queryOptions({ id }));
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
  const cancel = useMutation(trpc.tasks.cancel.mutationOptions({ onSuccess: refresh }));
  const retry = useMutation(trpc.tasks.retry.mutationOptions({ onSuccess: refresh }));
  const generationId = typeof task.data?.result?.generationId === "string" ? task.data.result.generationId : null;
  const generation = useQuery({ ...trpc.generations.get.queryOptions({ id: generationId ?? "" }), enabled: Boolean(generationId) });
  if (task.isLoading) return <LoadingRows label="Loading task" rows={5} />;
  if (task.error || !task.data) return <FormError message={errorMessage(task.error) || "Task not found"} />;
  const t = task.data;
  const active = t.status === "assigned" || t.status === "running";
  return (
    <>
      <PageHeader
        title={t.title}
        description={t.description || undefined}
        actions={
          <>
            {!final.has(t.status) ? (
              <Button variant="secondary" onClick={() => cancel.mutate({ taskId: t.id })} disabled={cancel.isPending} data-testid="cancel-task">
                <Ban /> Cancel
              </Button>
            ) : null}
            {t.status === "failed" || t.status === "cancelled" ? (
              <Button onClick={() => retry.mutate({ taskId: t.id })} disabled={retry.isPending} data-testid="retry-task">
                <RotateCcw /> Retry
              </Button>
            ) : null}
          </>
        }
      />
      {cancel.error || retry.error ? <FormError message={errorMessage(cancel.error ?? retry.error)} /> : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid content-start gap-4">
          <Card>
            <CardContent className="grid gap-3 pt-5">
              <div className="flex flex-wrap items-center gap-3">
                <span data-testid="task-status">
                  <TaskStatus status={t.status} />
                </span>
                <Priority value={t.priority} />
                <span className="ml-auto text-sm font-medium tabular-nums" data-testid="task-progress">
                  {t.progress}%
                </span>
              </div>
              <ProgressBar value={t.progress} live={active} label="Task progress" showValue={false} />
              {t.progressMessage ? <p className="text-sm text-muted-fg" data-testid="task-message">{t.progressMessage}</p> : null}
              {t.status === "blocked" && t.blockedReason ? <p className="text-sm text-amber-700 dark:text-amber-400">Blocked: {t.blockedReason}</p> : null}
              {t.error ? (
                <p role="alert" className="text-sm text-danger">
                  {t.error.message}
                  {t.error.retryable ? " (retryable)" : ""}
                </p>
              ) : null}
            </CardContent>
          </Card>
          {t.status === "succeeded" ? (
            <Card>
              <CardHeader>
                <CardTitle>Result</CardTitle>
              </CardHeader>
              <CardContent data-testid="task-result">
                {generationId && generation.data ? (
                  <GenerationResult initial={generation.data} />
                ) : (
                  <pre className="max-h-80 overflow-auto rounded-md bg-muted p-3 font-mono text-xs">{JSON.stringify(t.result, null, 2)}</pre>
                )}
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>Timeline</CardTitle>
            </CardHeader>
            <CardContent>
              <Timeline taskId={t.id} />
            </CardContent>
          </Card>
        </div>
        <div className="grid content-start gap-4">
          <Card>
            <CardContent className="grid gap-2 pt-5 text-sm">
              <Row label="Agent">{t.assignedAgentId ? <Link href={`/agents/${t.assignedAgentId}`} className="hover:underline">{t.agentName}</Link> : "—"}</Row>
              {t.costCredits || t.holdCredits || t.maxPriceCredits !== null ? (
                <Row label="Cost">
                  <span data-testid="task-cost">
                    {[
                      t.costCredits ? `${t.costCredits} credits paid` : null,
                      t.holdCredits ? `${t.holdCredits} held for this attempt` : null,
                      !t.costCredits && !t.holdCredits ? "nothing charged yet" : null,
                      t.maxPriceCredits !== null ? `at most ${t.maxPriceCredits} per attempt` : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </Row>
              ) : null}
              <Row label="Needs">{t.requiredCapabilities.length ? t.requiredCapabilities.join(", ") : "any agent"}</Row>
              <Row label="Attempts">
                {t.attempts} of {t.maxAttempts}
              </Row>
              <Row label="Deadline">{when(t.deadline)}</Row>
              <Row label="Created">{when(t.createdAt)}</Row>
              <Row label="Started">{when(t.startedAt)}</Row>
              <Row label="Ended">{when(t.endedAt)}</Row>
              {active && t.leaseExpiresAt ? <Row label="Lease until">{when(t.leaseExpiresAt)}</Row> : null}
              <Link href={`/runs?subject=${t.id}`} className="text-xs text-muted-fg hover:underline">
                Workflow runs for this task
              </Link>
            </CardContent>
          </Card>
          {t.match ? (
            <Card>
              <CardHeader>
                <CardTitle>{t.match.agentName ? `Why ${t.match.agentName}` : "Waiting for an agent"}</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="list-disc space-y-1 pl-4 text-sm text-muted-fg" data-testid="match-reasons">
                  {t.match.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
                {t.match.score !== undefined ? <p className="mt-2 text-xs text-muted-fg">score {t.match.score}</p> : null}
                {/* Nobody can take it yet: the way forward is an agent that offers what it needs. */}
                {!t.match.agentName && t.status === "queued" && t.requiredCapabilities.length ? (
                  <div className="mt-3">
                    <RegisterAgentDialog capabilities={t.requiredCapabilities} label="Register an agent for it" />
                  </div>
                ) : null}
              </CardContent>
            </Card>
          ) : null}
          {t.dependsOn.length ? (
            <Card>
              <CardHeader>
                <CardTitle>Waits for</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="grid gap-1.5">
                  {t.dependsOn.map((d) => (
                    <Dependency key={d} id={d} />
                  ))}
                </ul>
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3">
      <span className="text-muted-fg">{label}</span>
      <span className="text-right">{children}</span>
    </div>
  );
}
