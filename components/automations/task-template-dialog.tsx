"use client";
// New task template: a Liquid title and description over a variables schema, with what its tasks need.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { parseJsonObject } from "@/components/ui/parse-json";

const starterSchema = JSON.stringify({ type: "object", properties: { repo: { type: "string", description: "repository to work on" } }, required: ["repo"] }, null, 2);

export function TaskTemplateDialog() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [title, setTitle] = useState("Review {{ repo }}");
  const [description, setDescription] = useState("");
  const [caps, setCaps] = useState("");
  const [priority, setPriority] = useState<"low" | "normal" | "high" | "urgent">("normal");
  const [schema, setSchema] = useState(starterSchema);
  const [fileTemplateId, setFileTemplateId] = useState("");
  const files = useQuery({ ...trpc.templates.search.queryOptions({ scope: "all", limit: 50 }), enabled: open });
  const create = useMutation(
    trpc.taskTemplates.create.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.taskTemplates.pathKey() });
        setOpen(false);
      },
    }),
  );
  const { value: parsed, error: schemaError } = parseJsonObject(schema, "The variables schema");
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), o || create.reset())}>
      <DialogTrigger asChild>
        <Button variant="secondary" data-testid="create-task-template-open">
          <Plus /> Task template
        </Button>
      </DialogTrigger>
      <DialogContent title="New task template" description="Title and description are Liquid over the variables." className="max-w-xl">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!parsed) return;
            create.mutate({ name, title, description: description || undefined, priority, requiredCapabilities: caps.split(/[,\s]+/).filter(Boolean), variables: parsed, fileTemplateId: fileTemplateId || undefined });
          }}
        >
          <Field id="tt-name" label="Name" error={fieldError(create.error, "name")}>
            <Input id="tt-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Code review" autoFocus />
          </Field>
          <Field id="tt-title" label="Task title" error={fieldError(create.error, "title")}>
            <Input id="tt-title" value={title} onChange={(e) => setTitle(e.target.value)} className="font-mono" />
          </Field>
          <Field id="tt-description" label="Task description">
            <textarea id="tt-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} className="rounded-md border border-border bg-card px-3 py-2 font-mono text-sm" />
          </Field>
          <div className="grid grid-cols-2 gap-4">
            <Field id="tt-caps" label="Required capabilities">
              <Input id="tt-caps" value={caps} onChange={(e) => setCaps(e.target.value)} placeholder="code:review" />
            </Field>
            <Field id="tt-priority" label="Priority">
              <Select id="tt-priority" value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
                {["low", "normal", "high", "urgent"].map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </Select>
            </Field>
          </div>
          <Field id="tt-file" label="File template (optional)" hint="Its tasks go to the built-in file generator">
            <Select id="tt-file" value={fileTemplateId} onChange={(e) => setFileTemplateId(e.target.value)}>
              <option value="">None</option>
              {files.data?.items.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="tt-schema" label="Variables (JSON Schema)" error={schemaError}>
            <textarea id="tt-schema" rows={5} value={schema} onChange={(e) => setSchema(e.target.value)} className="rounded-md border border-border bg-card px-3 py-2 font-mono text-xs" />
          </Field>
          {create.error ? (
            <p role="alert" className="text-sm text-danger">
              {errorMessage(create.error)}
            </p>
          ) : null}
          <Button type="submit" disabled={create.isPending || Boolean(schemaError)} data-testid="create-task-template-submit">
            Create task template
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
