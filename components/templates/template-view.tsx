"use client";
// A template's page: what it is, its files, variables, instructions and versions (with a diff
// between any two), and the actions: generate, edit (publish a version), fork.
import { useQuery } from "@tanstack/react-query";
import { GitFork, Pencil } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/shell/page-header";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { FormError } from "@/components/ui/form-error";
import { Select } from "@/components/ui/input";
import { Markdown } from "@/components/ui/markdown";
import { LoadingRows } from "@/components/ui/skeleton";
import { TabList } from "@/components/ui/tab-list";
import { Table, Td, Th } from "@/components/ui/table";
import { CodeEditor } from "./code-editor";
import { ForkButton } from "./fork-button";
import { formatBytes } from "./generation-result";
import { GenerateDialog } from "./generate-dialog";
import { SharingDialog } from "./sharing-dialog";
import { VersionDiff } from "./version-diff";
import type { VariableProp, VariablesSchemaShape } from "./variables-form";

type Tab = "files" | "variables" | "instructions" | "versions";

export function TemplateView({ id }: { id: string }) {
  const trpc = useTRPC();
  const [version, setVersion] = useState<string | undefined>();
  const [tab, setTab] = useState<Tab>("files");
  const [file, setFile] = useState(0);
  const t = useQuery(trpc.templates.get.queryOptions({ id, version }));
  if (t.isLoading) return <LoadingRows label="Loading template" rows={6} />;
  if (t.error || !t.data) return <FormError message={errorMessage(t.error) || "Template not found"} />;
  const d = t.data;
  const v = d.version;
  const schema = v.variables as VariablesSchemaShape;
  const current = v.files[Math.min(file, v.files.length - 1)]!;
  const price = d.owned ? 0 : d.priceCredits;
  return (
    <>
      <PageHeader
        title={d.name}
        description={d.description || undefined}
        actions={
          <>
            {d.owned ? <SharingDialog template={d} /> : null}
            {d.owned ? (
              <Button variant="secondary" asChild>
                <Link href={`/templates/${d.id}/edit`} data-testid="edit-template">
                  <Pencil /> Edit
                </Link>
              </Button>
            ) : null}
            <ForkButton templateId={d.id} name={d.name} price={price} />
            <GenerateDialog key={v.version} templateId={d.id} version={v.version} schema={schema} price={price} />
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-2 text-sm text-muted-fg">
        <Badge tone={d.visibility === "public" ? "info" : "neutral"}>{d.visibility}</Badge>
        {d.priceCredits ? <Badge tone="warning">{d.priceCredits.toLocaleString()} credits per generation</Badge> : null}
        <span className="font-mono text-xs">{d.slug}</span>
        <span>·</span>
        <label className="flex items-center gap-1">
          <span className="sr-only">Version</span>
          <Select value={v.version} onChange={(e) => setVersion(e.target.value)} className="h-7 w-auto py-0 font-mono text-xs" aria-label="Version">
            {d.versions.map((x) => (
              <option key={x.version} value={x.version}>
                v{x.version}
                {x.version === d.latestVersion ? " (latest)" : ""}
              </option>
            ))}
          </Select>
        </label>
        <span>·</span>
        <span>{d.usageCount} generations</span>
        {d.tags.map((x) => (
          <span key={x} className="rounded bg-muted px-1.5 py-0.5 text-[11px]">
            #{x}
          </span>
        ))}
        {d.forkedFromTemplateId ? (
          <Link href={`/templates/${d.forkedFromTemplateId}`} className="inline-flex items-center gap-1 text-xs hover:underline">
            <GitFork className="size-3" aria-hidden /> forked from v{d.forkedFromVersion}
          </Link>
        ) : null}
      </div>
      <TabList
        label="Template"
        className="mb-3"
        tabs={(["files", "variables", "instructions", "versions"] as const).map((x) => ({
          id: x,
          label: (
            <span className="capitalize">
              {x}
              {x === "files" ? ` (${v.files.length})` : x === "versions" ? ` (${d.versions.length})` : ""}
            </span>
          ),
        }))}
        value={tab}
        onChange={setTab}
      />
      {tab === "files" ? (
        <div className="grid gap-4 md:grid-cols-[16rem_minmax(0,1fr)]">
          <Card className="max-h-[32rem] overflow-auto p-1">
            <ul>
              {v.files.map((f, i) => (
                <li key={f.path}>
                  <button onClick={() => setFile(i)} className={cn("w-full truncate rounded px-2 py-1 text-left font-mono text-xs", i === file ? "bg-muted" : "hover:bg-muted/60")} title={f.path}>
                    {f.path}
                  </button>
                </li>
              ))}
            </ul>
          </Card>
          <Card className="overflow-hidden">
            {current.content === undefined ? (
              <div className="p-4 text-sm text-muted-fg" data-testid="sources-locked">
                <p className="font-medium text-fg">{formatBytes(current.size)} · source shown to buyers</p>
                <p className="mt-1">
                  This is a paid template: generating from it charges {d.priceCredits.toLocaleString()} credits and gives you the rendered files. Forking it buys a copy of its sources for your organization.
                </p>
              </div>
            ) : current.binary ? (
              <p className="p-4 text-sm text-muted-fg">Binary file: copied as is.</p>
            ) : (
              <CodeEditor key={`${v.version}-${file}`} label="template source" value={current.content} readOnly className="max-h-[32rem] overflow-auto" />
            )}
          </Card>
        </div>
      ) : tab === "variables" ? (
        <VariablesTable schema={schema} />
      ) : tab === "instructions" ? (
        <Card className="p-4">
          {v.instructions ? <Markdown testId="template-instructions">{v.instructions}</Markdown> : <p className="text-sm text-muted-fg">No instructions.</p>}
        </Card>
      ) : (
        <VersionDiff templateId={d.id} versions={d.versions} />
      )}
    </>
  );
}

function VariablesTable({ schema }: { schema: VariablesSchemaShape }) {
  const props = Object.entries(schema.properties ?? {});
  if (!props.length) return <p className="text-sm text-muted-fg">This template has no variables.</p>;
  const typeOf = (p: VariableProp) => (p.enum ? p.enum.map(String).join(" | ") : p.type === "array" ? `${p.items?.type ?? "any"}[]` : (p.type ?? "any"));
  return (
    <Table>
      <thead>
        <tr>
          <Th>Variable</Th>
          <Th>Type</Th>
          <Th>Default</Th>
          <Th>Description</Th>
        </tr>
      </thead>
      <tbody>
        {props.map(([name, p]) => (
          <tr key={name}>
            <Td className="font-mono text-xs">
              {name}
              {schema.required?.includes(name) ? <span className="text-danger"> *</span> : null}
            </Td>
            <Td className="font-mono text-xs">{typeOf(p)}</Td>
            <Td className="font-mono text-xs">{p.default === undefined ? "—" : JSON.stringify(p.default)}</Td>
            <Td className="text-sm text-muted-fg">{p.description ?? ""}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
