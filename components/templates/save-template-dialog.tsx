"use client";
// Saving from the editor: a new template (name, description, tags, visibility) or a new version
// of an existing one (semantic version and changelog).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { type Sharing, SharingSelect } from "@/components/ui/sharing-select";
import { PriceField } from "./price-field";
import type { EditorSources, ExistingTemplate } from "./template-editor";

/** The next minor version: 1.4.2 → 1.5.0. */
export function nextMinor(v: string): string {
  const [major, minor] = v.split(/[.-]/).map(Number);
  return `${major ?? 1}.${(minor ?? 0) + 1}.0`;
}

/** `blocked`: why saving is held back (shown beside the button), or null. */
export function SaveTemplateDialog({ template, sources, blocked }: { template?: ExistingTemplate; sources: EditorSources; blocked: string | null }) {
  const disabled = Boolean(blocked);
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [tags, setTags] = useState("");
  const [visibility, setVisibility] = useState<Sharing>("organization");
  const [price, setPrice] = useState("0");
  const [version, setVersion] = useState(template ? nextMinor(template.latestVersion) : "1.0.0");
  const [changelog, setChangelog] = useState("");
  const done = async (id: string) => {
    await qc.invalidateQueries({ queryKey: trpc.templates.pathKey() });
    router.push(`/templates/${id}`);
  };
  const create = useMutation(trpc.templates.create.mutationOptions({ onSuccess: (t) => done(t.id) }));
  const publish = useMutation(trpc.templates.publish.mutationOptions({ onSuccess: (t) => done(t.id) }));
  const m = template ? publish : create;
  const files = sources.files;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <span className="flex items-center gap-2">
        {blocked ? (
          <span className="text-xs text-danger" data-testid="save-blocked">
            {blocked}
          </span>
        ) : null}
        <DialogTrigger asChild>
          <Button disabled={disabled} data-testid="save-template">
            <Upload /> {template ? "Publish version" : "Create template"}
          </Button>
        </DialogTrigger>
      </span>
      <DialogContent
        title={template ? `Publish a version of ${template.name}` : "Create the template"}
        description={template ? `Versions are immutable; the latest is ${template.latestVersion}.` : `${files.length} file${files.length === 1 ? "" : "s"}, version 1.0.0.`}
      >
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (template) publish.mutate({ templateId: template.id, version, changelog, ...sources });
            else
              create.mutate({
                name,
                description: description || undefined,
                tags: tags.split(/[,\s]+/).filter(Boolean),
                visibility,
                priceCredits: visibility === "public" ? Number(price) || 0 : 0,
                ...sources,
              });
          }}
        >
          {template ? (
            <>
              <Field id="tpl-version" label="Version" error={fieldError(m.error, "version")} hint="Semantic version, greater than the latest">
                <Input id="tpl-version" value={version} onChange={(e) => setVersion(e.target.value)} className="font-mono" />
              </Field>
              <Field id="tpl-changelog" label="Changelog" error={fieldError(m.error, "changelog")}>
                <textarea id="tpl-changelog" value={changelog} onChange={(e) => setChangelog(e.target.value)} rows={3} className="rounded-md border border-border bg-card px-3 py-2 text-sm" placeholder="What changed and why" />
              </Field>
            </>
          ) : (
            <>
              <Field id="tpl-name" label="Name" error={fieldError(m.error, "name")}>
                <Input id="tpl-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Node service" autoFocus />
              </Field>
              <Field id="tpl-description" label="Description" error={fieldError(m.error, "description")}>
                <textarea id="tpl-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} className="rounded-md border border-border bg-card px-3 py-2 text-sm" />
              </Field>
              <Field id="tpl-tags" label="Tags" hint="Comma separated, lowercase" error={fieldError(m.error, "tags") ?? m.error?.message.match(/tags\.\d+: [^;]+/)?.[0] ?? null}>
                <Input id="tpl-tags" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="node, http" />
              </Field>
              <Field id="tpl-visibility" label="Visibility">
                <SharingSelect id="tpl-visibility" value={visibility} onChange={setVisibility} />
              </Field>
              {visibility === "public" ? (
                <PriceField value={price} onChange={setPrice} error={fieldError(m.error, "priceCredits")} />
              ) : null}
            </>
          )}
          {m.error && !fieldError(m.error, template ? "version" : "name") ? (
            <p role="alert" className="text-sm text-danger">
              {errorMessage(m.error)}
            </p>
          ) : null}
          <Button type="submit" disabled={m.isPending} data-testid="save-template-submit">
            {m.isPending ? "Saving…" : template ? `Publish ${version}` : "Create template"}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
