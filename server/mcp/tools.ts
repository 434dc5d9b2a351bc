import "server-only";
// MCP tools, generated from the procedure catalog: names, JSON Schemas and annotations come from
// each procedure's meta and zod schemas; calls go through the tRPC caller.
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { allowedFor, type CatalogEntry, catalog, jsonSchemaOf } from "@/server/trpc/catalog";
import { profileLists } from "@/server/schemas/tool-profiles";
import { iconDomainOf, iconsFor } from "./icons";
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
    icons: iconsFor(iconDomainOf(e.meta.tool!)),
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
 * description instead of repeating a thousand characters each. A result that is a `_get` tool's
 * object with a few more fields (tasks_create's `waited`) declares only those; one with a few
 * fewer (runs_cancel: a run without its steps) says which. A tool without an outputSchema still
 * returns structuredContent, which the spec allows.
 */
function shareOutputSchemas(tools: Tool[]): Tool[] {
  const owners = new Map<string, Tool>();
  for (const t of tools) {
    if (!t.outputSchema || JSON.stringify(t.outputSchema).length < SHARE_MIN_CHARS) continue;
    const key = JSON.stringify(t.outputSchema);
    const owner = owners.get(key);
    if (!owner || (!owner.name.endsWith("_get") && t.name.endsWith("_get"))) owners.set(key, t);
  }
  // Only `_get` tools are bases for "plus" and "without" results: they always keep their whole schema.
  const bases = tools.filter((t) => t.name.endsWith("_get") && t.outputSchema && owners.get(JSON.stringify(t.outputSchema)) === t);
  // How each shape is declared: by its owner, or (an owner that is a base's object with a few
  // fields more or less) as that base plus or without them — then its sharers say the same.
  const refs = new Map<string, Ref>();
  for (const [key, owner] of owners) {
    const rel = owner.name.endsWith("_get") ? null : relatedBase(owner.outputSchema, bases, owner);
    refs.set(key, rel ? relRef(rel) : { phrase: `the object ${owner.name} returns`, toolPhrase: `the same object as ${owner.name}`, owner });
  }
  return tools.map((t) => {
    const ref = t.outputSchema && (refs.get(JSON.stringify(t.outputSchema)) ?? (t.name.endsWith("_get") ? undefined : mapRel(relatedBase(t.outputSchema, bases, t))));
    if (!ref || ref.owner === t) return shareListItems(t, refs, bases);
    const { outputSchema: _shared, ...rest } = t;
    return { ...rest, ...(ref.schema ? { outputSchema: ref.schema } : {}), description: `${t.description} Returns ${ref.toolPhrase}.` };
  });
}

/** How a shape is named in a description, and what is left to declare (the extra fields), if anything. */
interface Ref {
  phrase: string;
  toolPhrase: string;
  /** The tool that declares the shape itself; undefined when it is a base's object plus or without fields. */
  owner?: Tool;
  schema?: Tool["outputSchema"];
}

const mapRel = (rel: ReturnType<typeof relatedBase>): Ref | undefined => (rel ? relRef(rel) : undefined);

function relRef(rel: NonNullable<ReturnType<typeof relatedBase>>): Ref {
  const tail = rel.extra.length ? `, plus ${rel.extra.join(", ")}` : rel.missing.length ? `, without ${rel.missing.join(", ")}` : "";
  const phrase = `the object ${rel.base.name} returns${tail}`;
  return { phrase, toolPhrase: phrase, ...(rel.extra.length ? { schema: rel.schema } : {}) };
}

type Props = Record<string, unknown>;
const propsOf = (s: unknown) => (s as { properties?: Props } | undefined)?.properties;

/** Whether a field outlined as `base` describes `v`: the same outline, or a bare `object` where `v` spells one out. */
function fits(base: unknown, v: unknown): boolean {
  const b = JSON.stringify(base);
  return b === JSON.stringify(v) || (b === '{"type":"object"}' && (v as { type?: unknown } | undefined)?.type === "object");
}

/** Below this many missing fields a result reads as "the base object without …"; more, and it is its own shape. */
const MAX_MISSING = 4;

/**
 * The base whose object `schema` is with a few fields more (`extra`, the schema cut to them) or a
 * few less (`missing`): every field both have fits the base's outline.
 */
function relatedBase(schema: unknown, bases: Tool[], self: Tool): { base: Tool; extra: string[]; missing: string[]; schema: Tool["outputSchema"] } | null {
  const props = propsOf(schema);
  if (!props) return null;
  for (const base of bases) {
    const baseProps = propsOf(base.outputSchema);
    if (base === self || !baseProps) continue;
    const shared = Object.keys(props).filter((k) => k in baseProps);
    if (shared.length < Object.keys(baseProps).length / 2 || !shared.every((k) => fits(baseProps[k], props[k]))) continue;
    const extra = Object.keys(props).filter((k) => !(k in baseProps));
    const missing = Object.keys(baseProps).filter((k) => !(k in props));
    if (extra.length && missing.length) continue;
    if (missing.length > MAX_MISSING) continue;
    return { base, extra, missing, schema: { type: "object", properties: Object.fromEntries(extra.map((k) => [k, props[k]])) } as Tool["outputSchema"] };
  }
  return null;
}

/**
 * A list whose items are another listed tool's whole result (tasks_list's items are what tasks_get
 * returns), or a base's object with a few fields more or less, keeps its outline with the items
 * cut to the extra fields, and names that tool instead.
 */
function shareListItems(t: Tool, refs: Map<string, Ref>, bases: Tool[]): Tool {
  const props = t.outputSchema?.properties as Record<string, { type?: unknown; items?: unknown }> | undefined;
  const listKey = props && ["items", "result"].find((k) => props[k]?.type === "array" && props[k]?.items);
  if (!props || !listKey) return t;
  const items = props[listKey]!.items;
  const ref = refs.get(JSON.stringify(items)) ?? mapRel(relatedBase(items, bases, t));
  if (!ref || ref.owner === t) return t;
  const itemSchema = ref.schema ?? { type: "object" };
  return {
    ...t,
    outputSchema: { ...t.outputSchema!, properties: { ...props, [listKey]: { type: "array", items: itemSchema } } } as Tool["outputSchema"],
    description: `${t.description} Each of ${listKey} is ${ref.phrase}.`,
  };
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
