import "server-only";
// MCP tools, generated from the procedure catalog: names, JSON Schemas and annotations come from
// each procedure's meta and zod schemas; calls go through the tRPC caller.
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { allowedFor, type CatalogEntry, catalog, jsonSchemaOf } from "@/server/trpc/catalog";
import type { Context } from "@/server/trpc/context";

export function toolEntries(): CatalogEntry[] {
  return catalog().filter((e) => e.meta.tool);
}

function annotationsOf(e: CatalogEntry): Tool["annotations"] {
  const kind = e.meta.kind ?? (e.type === "query" ? "read" : "write");
  return {
    title: e.meta.tool,
    readOnlyHint: kind === "read",
    destructiveHint: kind === "destructive",
    idempotentHint: kind === "read" || Boolean(e.meta.idempotent),
    openWorldHint: false,
  };
}

const toolCache = new Map<string, Tool>();

export function toolOf(e: CatalogEntry): Tool {
  const cached = toolCache.get(e.path);
  if (cached) return cached;
  const inputSchema = jsonSchemaOf(e.input, "input");
  const tool: Tool = {
    name: e.meta.tool!,
    description: e.meta.description ?? e.path,
    inputSchema: { ...inputSchema, type: "object" } as Tool["inputSchema"],
    annotations: annotationsOf(e),
  };
  if (e.output) {
    const out = jsonSchemaOf(e.output, "output");
    // MCP output schemas describe an object; other shapes are returned wrapped as { result }.
    tool.outputSchema = (out.type === "object" ? out : { type: "object", properties: { result: out }, required: ["result"] }) as Tool["outputSchema"];
  }
  toolCache.set(e.path, tool);
  return tool;
}

/** The tools this caller may use: outside the key's scopes (or the role) they are not listed. */
export function listToolsFor(ctx: Context): Tool[] {
  return toolEntries().filter((e) => allowedFor(ctx, e)).map(toolOf);
}

export function findTool(name: string): CatalogEntry | undefined {
  return toolEntries().find((e) => e.meta.tool === name);
}

/** structuredContent must be an object: arrays and scalars are wrapped as { result }. */
export function structuredOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { result: value };
}
