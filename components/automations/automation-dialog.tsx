"use client";
// New automation: which task template, when (a cron schedule or a task ending), with which values.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Zap } from "lucide-react";
import { useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { parseJsonObject } from "@/components/ui/parse-json";

export function AutomationDialog({ templates }: { templates: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [taskTemplateId, setTaskTemplateId] = useState(templates[0]?.id ?? "");
  const [type, setType] = useState<"cron" | "event">("cron");
  const [cron, setCron] = useState("0 9 * * 1-5");
  const [on, setOn] = useState<"task.succeeded" | "task.failed">("task.succeeded");
  const [after, setAfter] = useState("");
  const [vars, setVars] = useState("{}");
  const create = useMutation(
    trpc.automations.create.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.automations.pathKey() });
        setOpen(false);
      },
    }),
  );
  const { value: variables, error: varsError } = parseJsonObject(vars, "Variables");
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), o || create.reset())}>
      <DialogTrigger asChild>
        <Button disabled={!templates.length} title={templates.length ? undefined : "Create a task template first"} data-testid="create-automation-open">
          <Zap /> Automation
        </Button>
      </DialogTrigger>
      <DialogContent title="New automation" description="Creates a task from a task template on a schedule, or when a task ends." className="max-w-xl">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!variables) return;
            create.mutate({ name, taskTemplateId, trigger: type === "cron" ? { type, cron } : { type, on, taskTemplateId: after || null }, variables });
          }}
        >
          <Field id="au-name" label="Name" error={fieldError(create.error, "name")}>
            <Input id="au-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Weekday review" autoFocus />
          </Field>
          <Field id="au-template" label="Task template">
            <Select id="au-template" value={taskTemplateId} onChange={(e) => setTaskTemplateId(e.target.value)}>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="au-type" label="When">
            <Select id="au-type" value={type} onChange={(e) => setType(e.target.value as typeof type)}>
              <option value="cron">On a schedule (cron, UTC)</option>
              <option value="event">When a task ends</option>
            </Select>
          </Field>
          {type === "cron" ? (
            <Field id="au-cron" label="Cron" hint="minute hour day month weekday, e.g. 0 9 * * 1-5 = weekdays at 09:00 UTC" error={fieldError(create.error, "trigger.cron")}>
              <Input id="au-cron" value={cron} onChange={(e) => setCron(e.target.value)} className="font-mono" />
            </Field>
          ) : (
            <div className="grid grid-cols-2 gap-4">
              <Field id="au-on" label="Event">
                <Select id="au-on" value={on} onChange={(e) => setOn(e.target.value as typeof on)}>
                  <option value="task.succeeded">a task succeeds</option>
                  <option value="task.failed">a task fails</option>
                </Select>
              </Field>
              <Field id="au-after" label="Of template" error={fieldError(create.error, "trigger.taskTemplateId")}>
                <Select id="au-after" value={after} onChange={(e) => setAfter(e.target.value)}>
                  <option value="">any task</option>
                  {templates.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
          )}
          <Field id="au-vars" label="Variables (JSON)" error={varsError}>
            <textarea id="au-vars" rows={3} value={vars} onChange={(e) => setVars(e.target.value)} className="rounded-md border border-border bg-card px-3 py-2 font-mono text-xs" />
          </Field>
          {create.error ? (
            <p role="alert" className="text-sm text-danger">
              {errorMessage(create.error)}
            </p>
          ) : null}
          <Button type="submit" disabled={create.isPending || !variables} data-testid="create-automation-submit">
            Create automation
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
