// Templates and generation from the terminal: search, read, generate into a folder, a ZIP or a
// clone URL, and list past generations.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "../command";
import { CliError, printJson, printRecord, printTable } from "../output";

/** `--var k=v`: JSON values when they parse (numbers, booleans, lists), else strings. */
export function parseVars(pairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new CliError(`--var needs name=value, got "${pair}"`);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a plain string
    }
    out[pair.slice(0, eq)] = value;
  }
  return out;
}

/** Writes files under `dir`, refusing any path that would leave it. */
export async function writeFilesInto(dir: string, files: { path: string; content?: string; encoding?: string }[]) {
  const root = path.resolve(dir);
  for (const f of files) {
    const target = path.resolve(root, f.path);
    if (!target.startsWith(root + path.sep)) throw new CliError(`Refusing to write outside ${root}: ${f.path}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.encoding === "base64" ? Buffer.from(f.content ?? "", "base64") : (f.content ?? ""));
  }
  return root;
}

export const templateCommands: Command[] = [
  {
    name: "templates search",
    summary: "Search your organization's and public templates",
    usage: "cloud-mcp templates search [query] [--tag node] [--mine]",
    options: { tag: { type: "string", multiple: true, description: "Only templates with this tag (repeatable)" }, mine: { type: "boolean", description: "Only your organization's" } },
    async run({ client, args, opts, json }) {
      const page = await (await client()).templates.search.query({ query: args.join(" ") || undefined, tags: (opts.tag as string[] | undefined) ?? undefined, scope: opts.mine ? "mine" : "all", limit: 50 });
      if (json) return printJson(page);
      printTable(
        page.items.map((t) => ({ ...t, version: t.latestVersion, uses: t.usageCount })),
        ["slug", "name", "version", "visibility", "tags", "uses", "id"],
      );
    },
  },
  {
    name: "templates get",
    summary: "Show a template: files, variables and instructions",
    usage: "cloud-mcp templates get <id-or-slug> [--version 1.2.0]",
    options: { version: { type: "string", description: "A version (default: the latest)" } },
    async run({ client, args, opts, json }) {
      if (!args[0]) throw new CliError("Name a template: cloud-mcp templates get <id-or-slug>");
      const t = await (await client()).templates.get.query({ id: args[0], version: opts.version as string | undefined });
      if (json) return printJson(t);
      printRecord({ name: t.name, id: t.id, slug: t.slug, version: t.version.version, versions: t.versions.map((v) => v.version), visibility: t.visibility, tags: t.tags, description: t.description });
      process.stdout.write("\nFiles:\n");
      for (const f of t.version.files) process.stdout.write(`  ${f.path}\n`);
      const props = (t.version.variables as { properties?: Record<string, { type?: string; default?: unknown; description?: string }>; required?: string[] }).properties ?? {};
      process.stdout.write("\nVariables:\n");
      printTable(
        Object.entries(props).map(([name, p]) => ({ name, type: p.type, required: (t.version.variables as { required?: string[] }).required?.includes(name) ? "yes" : "", default: p.default, description: p.description })),
        ["name", "type", "required", "default", "description"],
      );
    },
  },
  {
    name: "generate",
    summary: "Generate files from a template: into a folder, as a ZIP, or a Git clone URL",
    usage: "cloud-mcp generate <template> --var name=shop [--var port=8080] [--format json|zip|git] [--out ./shop]",
    options: {
      var: { type: "string", multiple: true, description: "A variable, name=value (JSON values allowed)" },
      format: { type: "string", description: "json (write files), zip (save the archive) or git (print the clone URL); default json" },
      out: { type: "string", description: "Folder for json (default .), file for zip (default <id>.zip)" },
      version: { type: "string", description: "Template version (default: the latest)" },
    },
    async run({ client, args, opts, json }) {
      if (!args[0]) throw new CliError("Name a template: cloud-mcp generate <id-or-slug> --var name=value");
      const format = ((opts.format as string | undefined) ?? "json") as "json" | "zip" | "git";
      if (!["json", "zip", "git"].includes(format)) throw new CliError(`--format must be json, zip or git, not "${format}"`);
      const api = await client();
      let g = await api.generations.create.mutate({ templateId: args[0], version: opts.version as string | undefined, variables: parseVars((opts.var as string[] | undefined) ?? []), format });
      for (let i = 0; (g.status === "queued" || g.status === "running") && i < 600; i++) {
        if (!json) process.stderr.write(`\rgenerating… ${g.progress}%`);
        await new Promise((r) => setTimeout(r, 300));
        g = await api.generations.get.query({ id: g.id, includeContent: false });
      }
      if (!json && g.progress) process.stderr.write("\r");
      if (g.status !== "succeeded") throw new CliError(`Generation ${g.id} ${g.status}: ${g.error?.message ?? "still running; check later with cloud-mcp generations get"}`);
      let saved: string | undefined;
      if (format === "json") {
        const files = g.files ?? (await api.generations.get.query({ id: g.id, includeContent: true })).files ?? [];
        saved = await writeFilesInto((opts.out as string | undefined) ?? ".", files);
      } else if (format === "zip") {
        const res = await fetch(g.downloadUrl!);
        if (!res.ok) throw new CliError(`Download failed: HTTP ${res.status}`);
        saved = path.resolve((opts.out as string | undefined) ?? `generation-${g.id.slice(0, 8)}.zip`);
        await writeFile(saved, Buffer.from(await res.arrayBuffer()));
      }
      if (json) return printJson({ ...g, saved });
      process.stdout.write(`${g.fileCount} files, ${g.bytes} bytes${g.reused ? " (reused)" : ""}${saved ? ` → ${saved}` : ""}\n`);
      if (g.cloneUrl) process.stdout.write(`git clone ${g.cloneUrl}\n`);
      if (g.instructions) process.stdout.write(`\n${g.instructions.trim()}\n`);
    },
  },
  {
    name: "generations list",
    summary: "List recent generations",
    options: { limit: { type: "string", description: "How many (default 20)" } },
    async run({ client, opts, json }) {
      const page = await (await client()).generations.list.query({ limit: Number(opts.limit ?? 20) });
      if (json) return printJson(page);
      printTable(
        page.items.map((g) => ({ ...g, template: `${g.templateSlug}@${g.version}`, files: g.fileCount, ms: g.durationMs })),
        ["id", "template", "format", "status", "files", "bytes", "ms", "createdAt"],
      );
    },
  },
];
