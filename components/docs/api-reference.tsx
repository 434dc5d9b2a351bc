import { Badge } from "@/components/ui/badge";

type Schema = Record<string, unknown>;
interface Operation {
  operationId: string;
  description: string;
  tags: string[];
  "x-scope": string;
  parameters: { name: string; in: string; required: boolean; schema: Schema }[];
  requestBody?: { content: { "application/json": { schema: Schema } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: Schema } } }>;
}
interface Doc {
  info: { title: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const tagTitles: Record<string, string> = { apiKeys: "API keys", orgs: "Organization" };

const methodTone = { get: "info", post: "success", patch: "warning", put: "warning", delete: "danger" } as const;

function SchemaBlock({ label, schema }: { label: string; schema: Schema }) {
  return (
    <details className="mt-2 rounded-md border border-border">
      <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-muted-fg">{label}</summary>
      <pre className="overflow-x-auto border-t border-border bg-muted p-3 font-mono text-xs">{JSON.stringify(schema, null, 2)}</pre>
    </details>
  );
}

export function ApiReference({ doc }: { doc: Doc }) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.map((o) => o.op.tags[0] ?? "other"))].sort();
  return (
    <div className="grid gap-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{doc.info.title}</h1>
        <p className="mt-2 text-muted-fg">{doc.info.description}</p>
        <p className="mt-3 text-sm">
          Base URL <code className="rounded bg-muted px-1.5 py-0.5 font-mono">{doc.servers[0]?.url}</code> · authenticate with{" "}
          <code className="rounded bg-muted px-1.5 py-0.5 font-mono">Authorization: Bearer cmp_…</code>. Errors are{" "}
          <code className="font-mono">{"{ error: { code, message, fields? } }"}</code> with 400/401/403/404/409/422/429.
        </p>
      </div>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`} className="mb-3 text-xl font-semibold capitalize">
            {tagTitles[tag] ?? tag}
          </h2>
          <div className="grid gap-3">
            {ops
              .filter((o) => (o.op.tags[0] ?? "other") === tag)
              .map(({ path, method, op }) => (
                <article key={`${method} ${path}`} className="rounded-xl border border-border bg-card p-4" data-testid={`op-${op.operationId}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={methodTone[method as keyof typeof methodTone] ?? "neutral"} className="font-mono uppercase">
                      {method}
                    </Badge>
                    <code className="font-mono text-sm font-medium">{path}</code>
                    <span className="ml-auto font-mono text-xs text-muted-fg">scope {op["x-scope"]}</span>
                  </div>
                  <p className="mt-2 text-sm text-muted-fg">{op.description}</p>
                  {op.parameters.length ? (
                    <ul className="mt-2 grid gap-1 text-xs">
                      {op.parameters.map((p) => (
                        <li key={`${p.in}-${p.name}`}>
                          <code className="font-mono">{p.name}</code> <span className="text-muted-fg">({p.in}{p.required ? ", required" : ""})</span>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {op.requestBody ? <SchemaBlock label="Request body" schema={op.requestBody.content["application/json"].schema} /> : null}
                  {op.responses["200"]?.content ? <SchemaBlock label="Response" schema={op.responses["200"].content["application/json"].schema} /> : null}
                </article>
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}
