"use client";
// The template editor: file tree, Liquid code editor, variables schema and instructions, with a
// live preview beside them; creates a template or publishes a new version of one.
import { useMemo, useState } from "react";
import { parseJsonObject } from "@/components/ui/parse-json";
import { TabList } from "@/components/ui/tab-list";
import { CodeEditor } from "./code-editor";
import { FileTree } from "./file-tree";
import { PreviewPane } from "./preview-pane";
import { SaveTemplateDialog } from "./save-template-dialog";
import { usePreview } from "./use-preview";
import { sampleValues, type VariablesSchemaShape } from "./variables-form";

export interface EditorSources {
  files: { path: string; content: string; binary?: boolean }[];
  variables: Record<string, unknown>;
  instructions: string;
}

export interface ExistingTemplate {
  id: string;
  name: string;
  latestVersion: string;
}

const starter: EditorSources = {
  files: [
    { path: "{{ name }}/README.md", content: "# {{ name }}\n\n{{ description }}\n" },
    { path: "{{ name }}/package.json", content: '{\n  "name": "{{ name }}",\n  "version": "0.1.0",\n  "private": true\n}\n' },
  ],
  variables: {
    type: "object",
    properties: {
      name: { type: "string", pattern: "^[a-z][a-z0-9-]*$", description: "project folder and package name", default: "my-project" },
      description: { type: "string", default: "A new project" },
    },
    required: ["name"],
  },
  instructions: "Open `{{ name }}/README.md` to get started.\n",
};

type Tab = "files" | "variables" | "instructions";

export function TemplateEditor({ initial, template }: { initial?: EditorSources; template?: ExistingTemplate }) {
  const start = initial ?? starter;
  const [files, setFiles] = useState(start.files);
  const [selected, setSelected] = useState(0);
  const [tab, setTab] = useState<Tab>("files");
  const [schemaText, setSchemaText] = useState(JSON.stringify(start.variables, null, 2));
  const [instructions, setInstructions] = useState(start.instructions);
  const parsed = useMemo(() => {
    const r = parseJsonObject(schemaText, "The variables schema");
    return { schema: r.value, error: r.error };
  }, [schemaText]);
  const [lastSchema, setLastSchema] = useState(parsed.schema);
  if (parsed.schema && parsed.schema !== lastSchema) setLastSchema(parsed.schema);
  const schema = (parsed.schema ?? lastSchema) as VariablesSchemaShape | null;
  const [edited, setValues] = useState<Record<string, unknown>>({});
  // Sample values: what was typed, else each variable's default (new variables get theirs at once).
  const values = useMemo(() => ({ ...sampleValues(schema), ...edited }), [schema, edited]);
  const preview = usePreview({ files, variables: parsed.schema ?? lastSchema, values, instructions });

  const problems = preview.result?.problems ?? [];
  const problemCount = preview.result?.problemCount ?? problems.length;
  const broken = new Set(problems.map((p) => p.file));
  const current = files[selected] ?? files[0]!;
  const marks =
    tab === "instructions"
      ? problems.filter((p) => p.part === "instructions")
      : tab === "files"
        ? problems.filter((p) => p.file === current.path && p.part === "content")
        : [];

  const update = (i: number, patch: Partial<(typeof files)[number]>) => setFiles((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const addFile = () => {
    let n = files.length + 1;
    while (files.some((f) => f.path === `new-file-${n}.txt`)) n++;
    setFiles((fs) => [...fs, { path: `new-file-${n}.txt`, content: "" }]);
    setSelected(files.length);
    setTab("files");
  };
  const jump = (file: string) => {
    if (file === "instructions") return setTab("instructions");
    const i = files.findIndex((f) => f.path === file);
    if (i >= 0) {
      setSelected(i);
      setTab("files");
    }
  };

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <TabList
          label="Template part"
          tabs={(["files", "variables", "instructions"] as const).map((t) => ({ id: t, label: <span className="capitalize">{t}</span> }))}
          value={tab}
          onChange={setTab}
        />
        <SaveTemplateDialog template={template} sources={{ files, variables: parsed.schema ?? {}, instructions }} blocked={
            parsed.error ? "Fix the variables schema to save" : problemCount ? `Fix ${problemCount === 1 ? "the problem" : `the ${problemCount} problems`} in the preview to save` : null
          }
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-[15rem_minmax(0,1fr)_minmax(0,22rem)]">
        <aside className="min-w-0 overflow-hidden rounded-xl border border-border bg-card p-2">
          <FileTree
            paths={files.map((f) => f.path)}
            selected={tab === "files" ? selected : -1}
            broken={broken}
            onSelect={(i) => {
              setSelected(i);
              setTab("files");
            }}
            onAdd={addFile}
            onRename={(i, path) => update(i, { path })}
            onDelete={(i) => {
              setFiles((fs) => fs.filter((_, j) => j !== i));
              setSelected((s) => Math.max(0, s >= i ? s - 1 : s));
            }}
          />
        </aside>
        <section className="flex min-h-[28rem] flex-col overflow-hidden rounded-xl border border-border bg-card">
          <div className="border-b border-border px-3 py-2 font-mono text-xs text-muted-fg">
            {tab === "files" ? current.path : tab === "variables" ? "variables.schema.json — JSON Schema: type, enum, default, required, description" : "instructions.md — Liquid Markdown returned with the files"}
          </div>
          {tab === "files" ? (
            current.binary ? (
              <p className="p-4 text-sm text-muted-fg">Binary file ({Math.round((current.content.length * 3) / 4)} bytes): copied as is.</p>
            ) : (
              <CodeEditor key={`f-${selected}`} label="file content" value={current.content} onChange={(content) => update(selected, { content })} marks={marks} className="min-h-0 flex-1" />
            )
          ) : tab === "variables" ? (
            <>
              <CodeEditor key="variables" label="variables schema" language="json" value={schemaText} onChange={setSchemaText} className="min-h-0 flex-1" />
              {parsed.error ? (
                <p role="alert" className="border-t border-border px-3 py-2 text-xs text-danger">
                  {parsed.error}
                </p>
              ) : null}
            </>
          ) : (
            <CodeEditor key="instructions" label="instructions" value={instructions} onChange={setInstructions} marks={marks} className="min-h-0 flex-1" />
          )}
        </section>
        <aside className="min-w-0 rounded-xl border border-border bg-card p-4">
          <PreviewPane schema={schema} values={values} onValues={setValues} preview={preview} onJump={jump} />
        </aside>
      </div>
      {tab === "files" && !current.binary ? (
        <p className="text-xs text-muted-fg">
          Variables are available by name (<code className="font-mono">{"{{ name }}"}</code>) and as <code className="font-mono">vars</code>. Tags and filters: Liquid (<code className="font-mono">{"{% if %}"}</code>,{" "}
          <code className="font-mono">{"{% for %}"}</code>, <code className="font-mono">{"| upcase"}</code>…).
        </p>
      ) : null}
    </div>
  );
}
