import "server-only";
// The router, read as data: every procedure that declares a tool or a REST route, with its
// input/output schemas and a way to call it as a given caller. MCP and REST are built from this,
// so a procedure is defined once and appears on every surface.
import type { AnyProcedure } from "@trpc/server";
import { z } from "zod";
import { appRouter } from "@/server/routers/_app";
import type { Scope } from "@/server/services/permissions";
import { roleCan } from "@/server/services/permissions";
import type { Context } from "./context";
import { createCallerFactory } from "./init";
import type { ProcedureMeta } from "./meta";

export interface CatalogEntry {
  /** Dotted tRPC path, e.g. `tasks.reportProgress`. */
  path: string;
  type: "query" | "mutation";
  meta: ProcedureMeta & { scope: Scope };
  input: z.ZodType | null;
  output: z.ZodType | null;
}

type ProcDef = { type: string; meta?: ProcedureMeta; inputs: unknown[]; output?: unknown };

function mergeInputs(inputs: unknown[]): z.ZodType | null {
  const zods = inputs.filter((i): i is z.ZodType => i instanceof z.ZodType);
  if (zods.length === 0) return null;
  if (zods.length === 1) return zods[0]!;
  return zods.reduce((a, b) => z.intersection(a, b));
}

/** Flattens the router's nested record into dotted paths. */
function flatten(record: Record<string, unknown>, prefix = "", out: [string, AnyProcedure][] = []) {
  for (const [key, value] of Object.entries(record)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const def = (value as { _def?: { procedure?: boolean; record?: Record<string, unknown> } })._def;
    if (def?.procedure) out.push([path, value as AnyProcedure]);
    else if (def?.record) flatten(def.record, path, out);
    else if (value && typeof value === "object") flatten(value as Record<string, unknown>, path, out);
  }
  return out;
}

function build(): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const [path, proc] of flatten(appRouter._def.record as Record<string, unknown>)) {
    const def = proc._def as unknown as ProcDef;
    const meta = def.meta;
    if (!meta?.scope) continue;
    if (def.type !== "query" && def.type !== "mutation") continue;
    entries.push({
      path,
      type: def.type,
      meta: meta as CatalogEntry["meta"],
      input: mergeInputs(def.inputs),
      output: def.output instanceof z.ZodType ? def.output : null,
    });
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path));
}

let cached: CatalogEntry[] | undefined;
/** Every organization-scoped procedure (those whose meta names a scope). */
export function scopedProcedures(): CatalogEntry[] {
  cached ??= build();
  return cached;
}

let published: CatalogEntry[] | undefined;
/** The procedures published beyond tRPC: those whose meta names an MCP tool or a REST route. */
export function catalog(): CatalogEntry[] {
  published ??= scopedProcedures().filter((e) => e.meta.tool || e.meta.rest);
  return published;
}

/** Whether this caller may use a procedure at all (role × scope, and the key's scopes). */
export function allowedFor(ctx: Pick<Context, "org" | "keyScopes">, entry: CatalogEntry): boolean {
  if (!ctx.org || !roleCan(ctx.org.role, entry.meta.scope)) return false;
  return !ctx.keyScopes || ctx.keyScopes.includes(entry.meta.scope);
}

const createCaller = createCallerFactory(appRouter);

/** Calls a procedure by path through the real router, so every middleware check applies. */
export async function callProcedure(ctx: Context, path: string, input: unknown): Promise<unknown> {
  const caller = createCaller(ctx) as unknown as Record<string, unknown>;
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

/** JSON Schema (draft 2020-12) of a zod schema, as MCP and OpenAPI consume it. */
export function jsonSchemaOf(schema: z.ZodType | null, io: "input" | "output"): Record<string, unknown> {
  if (!schema) return { type: "object", properties: {}, additionalProperties: false };
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** Makes a value plain JSON (dates become ISO strings), as every surface returns it. */
export function toJson<T>(value: T): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
