"use client";
// New task: what to do, how urgent, which capabilities it needs and what it waits for; or, as a
// file generation, which template with which values.
import { useQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { PriceNotice, useAffordable } from "@/components/credits/price-notice";
import { VariablesForm, type VariablesSchemaShape } from "@/components/templates/variables-form";
import { errorMessage, fieldError, fieldErrors, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { CapabilitiesField, parseCapabilities } from "./capabilities-field";
import { type PickedTask, TaskPicker } from "./task-picker";
import { useCreateTask } from "./use-create-task";

const levels = ["low", "normal", "high", "urgent"] as const;

export function CreateTaskDialog() {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [priority, setPriority] = useState<(typeof levels)[number]>("normal");
  const [caps, setCaps] = useState("");
  const [dependsOn, setDependsOn] = useState<PickedTask[]>([]);
  const [templateId, setTemplateId] = useState("");
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [format, setFormat] = useState<"zip" | "git" | "json">("zip");
  const templates = useQuery({ ...trpc.templates.search.queryOptions({ scope: "all", limit: 50 }), enabled: open });
  const template = useQuery({ ...trpc.templates.get.queryOptions({ id: templateId }), enabled: open && Boolean(templateId) });
  // Another organization's paid template costs its price when the task generates: say so, and
  // refuse to create a task the balance cannot pay for (it would fail every attempt).
  const chosen = templates.data?.items.find((t) => t.id === templateId);
  const price = chosen && !chosen.owned ? chosen.priceCredits : 0;
  const { affordable } = useAffordable(price);
  const create = useCreateTask(() => setOpen(false));
  const fields = fieldErrors(create.error);
  const parsed = parseCapabilities(caps);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) create.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button data-testid="create-task-open">
          <Plus /> New task
        </Button>
      </DialogTrigger>
      <DialogContent title="New task" description="It waits for its dependencies, then goes to the best-fitting online agent." className="max-w-xl">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({
              title,
              description: description || undefined,
              priority,
              requiredCapabilities: parsed.caps,
              dependsOn: dependsOn.length ? dependsOn.map((t) => t.id) : undefined,
              ...(templateId ? { templateId, input: { variables: values, format } } : {}),
            });
          }}
        >
          <Field id="task-title" label="Title" error={fieldError(create.error, "title")}>
            <Input id="task-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Review the checkout flow" autoFocus />
          </Field>
          <Field id="task-description" label="Description" error={fieldError(create.error, "description")}>
            <textarea id="task-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} className="rounded-md border border-border bg-card px-3 py-2 text-sm" placeholder="What the agent needs to know" />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="task-priority" label="Priority">
              <Select id="task-priority" value={priority} onChange={(e) => setPriority(e.target.value as (typeof levels)[number])}>
                {levels.map((l) => (
                  <option key={l}>{l}</option>
                ))}
              </Select>
            </Field>
            <CapabilitiesField
              value={caps}
              onChange={setCaps}
              enabled={open}
              placeholder={templateId ? "filegen (added for templates)" : "code:review"}
              error={fields.find((f) => f.path.startsWith("requiredCapabilities"))?.message ?? null}
            />
          </div>
          <Field id="task-deps" label="Waits for" hint="Tasks that must succeed first (optional)" error={fieldError(create.error, "dependsOn")}>
            <TaskPicker id="task-deps" value={dependsOn} onChange={setDependsOn} enabled={open} />
          </Field>
          <fieldset className="grid gap-3 rounded-md border border-border p-3">
            <legend className="px-1 text-sm font-medium">Generate files (optional)</legend>
            <Select aria-label="Template" value={templateId} onChange={(e) => (setTemplateId(e.target.value), setValues({}))}>
              <option value="">No template: an agent does the work</option>
              {templates.data?.items.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} (v{t.latestVersion}){!t.owned && t.priceCredits ? ` · ${t.priceCredits.toLocaleString()} credits` : ""}
                </option>
              ))}
            </Select>
            {templateId && template.data ? (
              <>
                <VariablesForm schema={template.data.version.variables as VariablesSchemaShape} values={values} onChange={setValues} errors={fields.map((f) => ({ ...f, path: f.path.replace(/^input\./, "") }))} idPrefix="task-var" />
                <Select aria-label="Format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
                  <option value="zip">ZIP download</option>
                  <option value="git">Git repository</option>
                  <option value="json">File list (JSON)</option>
                </Select>
              </>
            ) : null}
            <PriceNotice price={price} what="Generating from this template" free="Charged when the task runs; free if you already generated these exact values in this format." />
          </fieldset>
          {create.error ? (
            <p role="alert" className="text-sm text-danger" data-testid="create-task-error">
              {/* Field errors show at their fields: the summary does not repeat them with their paths. */}
              {fields.length ? "Check the highlighted fields." : errorMessage(create.error)}
            </p>
          ) : null}
          <Button type="submit" disabled={create.isPending || !affordable || Boolean(parsed.problem)} data-testid="create-task-submit">
            {create.isPending ? "Creating…" : "Create task"}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
