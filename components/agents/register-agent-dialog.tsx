"use client";
// Register an agent: an MCP agent pulls work with tasks_claim; a webhook agent gets tasks POSTed,
// signed with a secret shown once here.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { CopyField } from "@/components/settings/copy-field";
import { errorMessage, fieldError, fieldErrors, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { type Sharing, SharingSelect } from "@/components/ui/sharing-select";

/** `capabilities` pre-fills the form (a task page offers it for what nobody offers yet); `label` names the button. */
export function RegisterAgentDialog({ capabilities = [], label = "Register agent" }: { capabilities?: string[]; label?: string } = {}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<"mcp" | "webhook">("mcp");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [caps, setCaps] = useState(capabilities.join(", "));
  const [max, setMax] = useState(1);
  const [url, setUrl] = useState("");
  const [sharing, setSharing] = useState<Sharing>("organization");
  const register = useMutation(trpc.agents.register.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.agents.pathKey() }) }));
  const fields = fieldErrors(register.error);
  const capsError = fields.find((f) => f.path.startsWith("capabilities"))?.message ?? null;
  const close = (o: boolean) => {
    setOpen(o);
    if (!o) register.reset();
  };
  const done = register.data;
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogTrigger asChild>
        <Button data-testid="register-agent-open">
          <Plus /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent title={done ? `${done.agent.name} is registered` : "Register an agent"} description={done ? undefined : "Tasks whose required capabilities it offers can go to it."} className="max-w-xl">
        {done ? (
          <div className="grid gap-3 text-sm">
            <p>
              Agent id: <code className="font-mono text-xs">{done.agent.id}</code>
            </p>
            {done.signingSecret ? (
              <>
                <p>Tasks are POSTed to its URL with an <code className="font-mono">x-cmp-signature: t=…,v1=…</code> header: HMAC-SHA256 of <code className="font-mono">{"`${t}.${body}`"}</code> with this secret. Copy it now: it is shown once.</p>
                <CopyField value={done.signingSecret} testId="agent-secret" />
              </>
            ) : (
              <>
                <p>Connect it over MCP (Settings → Connect an agent), then loop:</p>
                <pre className="overflow-auto rounded-md bg-muted p-3 font-mono text-xs">{`tasks_claim { "agentId": "${done.agent.id}" }
tasks_report_progress { "taskId": "…", "progress": 50, "message": "…" }
tasks_complete { "taskId": "…", "result": { … } }
agents_heartbeat { "agentId": "${done.agent.id}" }   # at least every 2 minutes`}</pre>
              </>
            )}
            <Button variant="secondary" onClick={() => close(false)}>
              Done
            </Button>
          </div>
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              register.mutate({ name, description: description || undefined, kind, capabilities: caps.split(/[,\s]+/).filter(Boolean), maxConcurrency: max, url: kind === "webhook" ? url : undefined, sharing });
            }}
          >
            <div className="grid grid-cols-2 gap-2" role="radiogroup" aria-label="Kind">
              {(["mcp", "webhook"] as const).map((k) => (
                <label key={k} className={`cursor-pointer rounded-md border p-2 text-sm ${kind === k ? "border-primary bg-primary/5" : "border-border hover:bg-muted"}`}>
                  <input type="radio" className="sr-only" name="kind" checked={kind === k} onChange={() => setKind(k)} />
                  <span className="font-medium">{k === "mcp" ? "MCP agent" : "Webhook agent"}</span>
                  <span className="block text-xs text-muted-fg">{k === "mcp" ? "pulls tasks with tasks_claim" : "gets tasks POSTed, signed"}</span>
                </label>
              ))}
            </div>
            <Field id="agent-name" label="Name" error={fieldError(register.error, "name")}>
              <Input id="agent-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Code reviewer" autoFocus />
            </Field>
            <Field id="agent-caps" label="Capabilities" hint="Comma separated, e.g. code:review, code:typescript" error={capsError}>
              <Input id="agent-caps" value={caps} onChange={(e) => setCaps(e.target.value)} placeholder="code:review" />
            </Field>
            {kind === "webhook" ? (
              <Field id="agent-url" label="Webhook URL" error={fieldError(register.error, "url")}>
                <Input id="agent-url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://agent.example.com/tasks" />
              </Field>
            ) : null}
            <div className="grid grid-cols-2 gap-4">
              <Field id="agent-max" label="Tasks at once" error={fieldError(register.error, "maxConcurrency")}>
                <Input id="agent-max" type="number" min={1} max={1000} value={max} onChange={(e) => setMax(Number(e.target.value))} />
              </Field>
              <Field id="agent-sharing" label="Sharing">
                <SharingSelect id="agent-sharing" value={sharing} onChange={setSharing} />
              </Field>
            </div>
            <Field id="agent-description" label="Description">
              <textarea id="agent-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} className="rounded-md border border-border bg-card px-3 py-2 text-sm" />
            </Field>
            {register.error && !fieldError(register.error, "name") && !capsError && !fieldError(register.error, "url") ? (
              <p role="alert" className="text-sm text-danger">
                {errorMessage(register.error)}
              </p>
            ) : null}
            <Button type="submit" disabled={register.isPending} data-testid="register-agent-submit">
              {register.isPending ? "Registering…" : "Register"}
            </Button>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
