import "server-only";
// MCP tools, generated from the procedure catalog: names, JSON Schemas and annotations come from
// each procedure's meta and zod schemas; calls go through the tRPC caller.
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { allowedFor, type CatalogEntry, catalog, jsonSchemaOf } from "@/server/trpc/catalog";
import { profileLists } from "@/server/schemas/tool-profiles";
import { leanInputSchema, outlineSchema } from "./lean-schema";
import { toolTitle } from "./tool-titles";
import type { Context } from "@/server/trpc/context";

export function toolEntries(): CatalogEntry[] {
  return catalog().filter((e) => e.meta.tool);
}

/**
 * Hints, only where they differ from the spec's defaults (readOnly false, destructive true,
 * idempotent false, openWorld true); destructive and idempotent mean nothing for a read.
 */
function annotationsOf(e: CatalogEntry): Tool["annotations"] {
  const kind = e.meta.kind ?? (e.type === "query" ? "read" : "write");
  if (kind === "read") return { readOnlyHint: true, openWorldHint: false };
  return {
    ...(kind === "write" ? { destructiveHint: false } : {}),
    ...(e.meta.idempotent ? { idempotentHint: true } : {}),
    openWorldHint: false,
  };
}

const toolCache = new Map<string, Tool>();

/** The tool as declared by its procedure, with its full (outlined) output schema. */
export function toolOf(e: CatalogEntry): Tool {
  const cached = toolCache.get(e.path);
  if (cached) return cached;
  const inputSchema = leanInputSchema(e.input);
  const tool: Tool = {
    name: e.meta.tool!,
    title: toolTitle(e.meta.tool!),
    description: e.meta.description ?? e.path,
    inputSchema: { ...inputSchema, type: "object" } as Tool["inputSchema"],
    annotations: annotationsOf(e),
  };
  if (e.output) {
    // An outline of the result (see lean-schema.ts): the full schema cost more than all the rest.
    const out = outlineSchema(jsonSchemaOf(e.output, "output"));
    // MCP output schemas describe an object; other shapes are returned wrapped as { result }.
    tool.outputSchema = (out.type === "object" ? out : { type: "object", properties: { result: out } }) as Tool["outputSchema"];
  }
  toolCache.set(e.path, tool);
  return tool;
}

/**
 * A result shape shared by several listed tools (a task: tasks_get, _claim, _complete, …) is
 * declared once, on the `_get` tool when listed (else the first); the others name it in their
 * description instead of repeating a thousand characters each. A tool without an outputSchema
 * still returns structuredContent, which the spec allows.
 */
function shareOutputSchemas(tools: Tool[]): Tool[] {
  const owners = new Map<string, Tool>();
  for (const t of tools) {
    if (!t.outputSchema || JSON.stringify(t.outputSchema).length < SHARE_MIN_CHARS) continue;
    const key = JSON.stringify(t.outputSchema);
    const owner = owners.get(key);
    if (!owner || (!owner.name.endsWith("_get") && t.name.endsWith("_get"))) owners.set(key, t);
  }
  return tools.map((t) => {
    const owner = t.outputSchema && owners.get(JSON.stringify(t.outputSchema));
    if (owner && owner !== t) {
      const { outputSchema: _shared, ...rest } = t;
      return { ...rest, description: `${t.description} Returns the same object as ${owner.name}.` };
    }
    return shareListItems(t, owners);
  });
}

/**
 * A list whose items are another listed tool's whole result (tasks_list's items are what tasks_get
 * returns) keeps its outline with the items as plain objects, and names that tool instead.
 */
function shareListItems(t: Tool, owners: Map<string, Tool>): Tool {
  const props = t.outputSchema?.properties as Record<string, { type?: unknown; items?: unknown }> | undefined;
  const listKey = props && ["items", "result"].find((k) => props[k]?.type === "array" && props[k]?.items);
  if (!props || !listKey) return t;
  const owner = owners.get(JSON.stringify(props[listKey]!.items));
  if (!owner || owner === t) return t;
  const outputSchema = { ...t.outputSchema!, properties: { ...props, [listKey]: { type: "array", items: { type: "object" } } } } as Tool["outputSchema"];
  return { ...t, outputSchema, description: `${t.description} Each of ${listKey} is the object ${owner.name} returns.` };
}

/** Below this an output schema costs less than the sentence that would point to it. */
const SHARE_MIN_CHARS = 200;

const listCache = new Map<string, Tool[]>();

/**
 * The tools this caller may use, narrowed to its key's tool profile: outside the key's scopes (or
 * the role) or its profile they are not listed. The profile only shortens the list; a call is
 * gated by scopes alone, so a prompt may still point a model at a tool the profile leaves out.
 */
export function listToolsFor(ctx: Pick<Context, "org" | "keyScopes" | "toolProfile">): Tool[] {
  const profile = ctx.toolProfile ?? "all";
  const entries = toolEntries().filter((e) => allowedFor(ctx, e) && profileLists(profile, e.meta.tool!));
  const key = entries.map((e) => e.path).join(",");
  let tools = listCache.get(key);
  if (!tools) {
    tools = shareOutputSchemas(entries.map(toolOf));
    // Keys differ only in scopes and profile, so there are few lists; the bound is a backstop.
    if (listCache.size >= 256) listCache.clear();
    listCache.set(key, tools);
  }
  return tools;
}

export function findTool(name: string): CatalogEntry | undefined {
  return toolEntries().find((e) => e.meta.tool === name);
}

/** structuredContent must be an object: arrays and scalars are wrapped as { result }. */
export function structuredOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { result: value };
}
