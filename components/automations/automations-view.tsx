"use client";
// Task templates (with "create a task from it") and automations (trigger, status, history).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pause, Play, Trash2, Zap } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { VariablesForm, type VariablesSchemaShape } from "@/components/templates/variables-form";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { AutomationDialog } from "./automation-dialog";
import { TaskTemplateDialog } from "./task-template-dialog";

type Template = { id: string; name: string; title: string; requiredCapabilities: string[]; variables: Record<string, unknown> };

function Instantiate({ template, onClose }: { template: Template; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState<Record<string, unknown>>({});
  const go = useMutation(trpc.taskTemplates.instantiate.mutationOptions({ onSuccess: (t) => router.push(`/tasks/${t.id}`) }));
  const fields = fieldErrors(go.error);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={`New task from ${template.name}`} description={template.title}>
        <form className="grid gap-4" onSubmit={(e) => (e.preventDefault(), go.mutate({ taskTemplateId: template.id, variables: values }))}>
          <VariablesForm schema={template.variables as VariablesSchemaShape} values={values} onChange={setValues} errors={fields} idPrefix="inst" />
          {go.error ? <p className="text-sm text-danger">{errorMessage(go.error)}</p> : null}
          <Button type="submit" disabled={go.isPending}>
            Create task
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function Runs({ automationId }: { automationId: string }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.automations.runs.queryOptions({ automationId }));
  if (runs.isLoading) return <p className="text-xs text-muted-fg">Loading…</p>;
  if (!runs.data?.length) return <p className="text-xs text-muted-fg">It has not fired yet.</p>;
  return (
    <ul className="grid gap-1 text-xs">
      {runs.data.slice(0, 10).map((r) => (
        <li key={r.id} className="flex gap-2">
          <span className="text-muted-fg">{r.createdAt.toLocaleString()}</span>
          <Badge tone={r.status === "created" ? "success" : "danger"}>{r.status}</Badge>
          {r.taskId ? (
            <Link href={`/tasks/${r.taskId}`} className="hover:underline">
              task
            </Link>
          ) : null}
          {r.error ? <span className="text-danger">{r.error}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function AutomationsView() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const templates = useQuery(trpc.taskTemplates.list.queryOptions());
  const autos = useQuery(trpc.automations.list.queryOptions());
  const [instantiate, setInstantiate] = useState<Template | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.automations.pathKey() });
  const pause = useMutation(trpc.automations.pause.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.automations.resume.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.automations.delete.mutationOptions({ onSuccess: refresh }));
  const removeTemplate = useMutation(trpc.taskTemplates.delete.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.taskTemplates.pathKey() }).then(refresh) }));
  if (templates.isLoading || autos.isLoading) return <LoadingRows label="Loading automations" rows={4} />;
  if (templates.error || autos.error) return <FormError message={errorMessage(templates.error ?? autos.error)} />;
  const tpl = templates.data ?? [];
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap justify-end gap-2">
        <TaskTemplateDialog />
        <AutomationDialog templates={tpl} />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Task templates</CardTitle>
        </CardHeader>
        <CardContent>
          {tpl.length === 0 ? (
            <p className="text-sm text-muted-fg">A task template is a blueprint: a Liquid title over variables, the capabilities and priority its tasks get. Create tasks from it by hand or with an automation.</p>
          ) : (
            <Table data-testid="task-templates">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Task title</Th>
                  <Th>Needs</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {tpl.map((t) => (
                  <tr key={t.id}>
                    <Td className="font-medium">{t.name}</Td>
                    <Td className="font-mono text-xs">{t.title}</Td>
                    <Td className="text-xs">{t.requiredCapabilities.join(", ") || (t.fileTemplateId ? "filegen" : "any")}</Td>
                    <Td className="whitespace-nowrap text-right">
                      <Button size="sm" variant="secondary" onClick={() => setInstantiate(t)}>
                        New task
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={`Delete ${t.name}`} onClick={() => confirm(`Delete ${t.name} and its automations?`) && removeTemplate.mutate({ taskTemplateId: t.id })}>
                        <Trash2 />
                      </Button>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
      {autos.data?.length ? (
        <Card>
          <CardHeader>
            <CardTitle>Automations</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3" data-testid="automations">
            {autos.data.map((a) => (
              <div key={a.id} className="rounded-md border border-border p-3">
                <div className="flex flex-wrap items-center gap-3">
                  <span className="font-medium">{a.name}</span>
                  <Badge tone={a.status === "active" ? "success" : "warning"}>{a.status}</Badge>
                  <span className="text-sm text-muted-fg">
                    {a.trigger.type === "cron" ? (
                      <>
                        cron <code className="font-mono text-xs">{a.trigger.cron}</code> UTC
                      </>
                    ) : (
                      <>
                        when {a.trigger.taskTemplateId ? `a task of ${tpl.find((t) => t.id === (a.trigger as { taskTemplateId?: string }).taskTemplateId)?.name ?? "a template"}` : "any task"} {a.trigger.on === "task.succeeded" ? "succeeds" : "fails"}
                      </>
                    )}{" "}
                    → {a.taskTemplateName}
                  </span>
                  <span className="ml-auto flex items-center gap-1 text-xs text-muted-fg">
                    {a.nextFireAt ? `next ${a.nextFireAt.toLocaleString()}` : a.lastFiredAt ? `last ${a.lastFiredAt.toLocaleString()}` : ""}
                    {a.status === "active" ? (
                      <Button size="sm" variant="ghost" aria-label="Pause" onClick={() => pause.mutate({ automationId: a.id })}>
                        <Pause />
                      </Button>
                    ) : (
                      <Button size="sm" variant="ghost" aria-label="Resume" onClick={() => resume.mutate({ automationId: a.id })}>
                        <Play />
                      </Button>
                    )}
                    <Button size="sm" variant="ghost" aria-label="Delete" onClick={() => confirm(`Delete ${a.name}?`) && remove.mutate({ automationId: a.id })}>
                      <Trash2 />
                    </Button>
                    <Button size="sm" variant="link" onClick={() => setOpen(open === a.id ? null : a.id)}>
                      {open === a.id ? "Hide runs" : "Runs"}
                    </Button>
                  </span>
                </div>
                {open === a.id ? (
                  <div className="mt-2">
                    <Runs automationId={a.id} />
                  </div>
                ) : null}
              </div>
            ))}
          </CardContent>
        </Card>
      ) : (
        <EmptyState icon={Zap} title="No automations yet">
          Automations create tasks from a task template on a cron schedule, or when a task (of a given template) succeeds or fails — a review after every build, a report every Monday.
        </EmptyState>
      )}
      {instantiate ? <Instantiate template={instantiate} onClose={() => setInstantiate(null)} /> : null}
    </div>
  );
}
