import "server-only";
// Templates and generated files as MCP resources. Reads go through the same procedures as the
// tools (templates.get, generations.get), so role, scope and tenant checks are the router's own.
import type { Resource } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "@/server/errors";
import type { GenerationOutput } from "@/server/schemas/filegen";
import { callProcedure, toJson } from "@/server/trpc/catalog";
import type { Context } from "@/server/trpc/context";
import { templateRefs } from "./completions";
import type { ResourceProvider } from "./resources";

type Page<T> = { items: T[] };
/** A %-decoded URI part; a malformed escape names no resource. */
function decoded(uri: string, part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new AppError("NOT_FOUND", `No resource at ${uri}: it has a malformed %-escape`);
  }
}
const json = (uri: string, value: unknown) => [{ uri, mimeType: "application/json", text: JSON.stringify(toJson(value), null, 2) }];

export const templateResources: ResourceProvider = {
  prefix: "cmp://templates/",
  template: {
    uriTemplate: "cmp://templates/{idOrSlug}{?version}",
    name: "File template",
    description: "A file template's Liquid sources, variables JSON Schema and instructions (latest version, or ?version=x.y.z).",
    mimeType: "application/json",
  },
  async list(ctx: Context): Promise<Resource[]> {
    const page = (await callProcedure(ctx, "templates.search", { scope: "all", limit: 50 })) as Page<{ slug: string; id: string; name: string; description: string; owned: boolean }>;
    return page.items.map((t) => ({ uri: `cmp://templates/${t.owned ? t.slug : t.id}`, name: t.name, description: t.description || undefined, mimeType: "application/json" }));
  },
  async complete(ctx, variable, value) {
    return variable === "idOrSlug" ? templateRefs(ctx, value) : [];
  },
  async read(ctx, uri) {
    const url = new URL(uri); // cmp://templates/<id or slug>?version=x.y.z
    const id = decoded(uri, url.pathname.replace(/^\//, ""));
    return json(uri, await callProcedure(ctx, "templates.get", { id, version: url.searchParams.get("version") ?? undefined }));
  },
};

export const generationResources: ResourceProvider = {
  prefix: "cmp://generations/",
  template: {
    uriTemplate: "cmp://generations/{id}/files/{+path}",
    name: "Generated file",
    description: "One file of a finished generation; cmp://generations/{id} lists them with the download or clone URL and instructions.",
  },
  async list(ctx: Context): Promise<Resource[]> {
    const page = (await callProcedure(ctx, "generations.list", { limit: 20 })) as Page<GenerationOutput & { templateName: string }>;
    return page.items
      .filter((g) => g.status === "succeeded")
      .map((g) => ({ uri: `cmp://generations/${g.id}`, name: `${g.templateName} ${g.version} (${g.format}, ${g.fileCount} files)`, mimeType: "application/json" }));
  },
  async read(ctx, uri) {
    const m = /^cmp:\/\/generations\/([^/]+)(?:\/files\/(.+))?$/.exec(uri);
    if (!m) throw new AppError("NOT_FOUND", `No resource at ${uri}: use cmp://generations/{id} or cmp://generations/{id}/files/{path}`);
    const g = (await callProcedure(ctx, "generations.get", { id: m[1], includeContent: Boolean(m[2]) })) as GenerationOutput;
    if (!m[2]) return json(uri, g);
    const path = decoded(uri, m[2]);
    const file = g.files?.find((f) => f.path === path);
    if (!file || file.content === undefined) throw new AppError("NOT_FOUND", `Generation ${g.id} has no file ${path}`);
    return [file.encoding === "base64" ? { uri, blob: file.content, mimeType: "application/octet-stream" } : { uri, text: file.content, mimeType: "text/plain" }];
  },
};
