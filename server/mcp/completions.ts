import "server-only";
// Completion values for prompt arguments and resource-template variables (MCP completion/complete):
// template refs and agent capabilities, read through the router as the caller.
import type { AgentOutput } from "@/server/schemas/tasks";
import { callProcedure, toJson } from "@/server/trpc/catalog";
import type { Context } from "@/server/trpc/context";

/** Completions the spec allows per answer. */
const MAX_COMPLETIONS = 100;

const startsWith = (value: string) => (s: string) => s.toLowerCase().startsWith(value.toLowerCase());
const contains = (value: string) => (s: string) => s.toLowerCase().includes(value.toLowerCase());
/** Matches that start with the value first, then those that contain it, without repeats. */
function ranked(values: Iterable<string>, value: string): string[] {
  const all = [...new Set(values)].sort();
  return [...new Set([...all.filter(startsWith(value)), ...all.filter(contains(value))])].slice(0, MAX_COMPLETIONS);
}

/** A read for a completion or a prompt; a refused or failed read completes to nothing. */
export async function read<T>(ctx: Context, path: string, input: unknown): Promise<T | null> {
  try {
    return toJson(await callProcedure(ctx, path, input)) as T;
  } catch {
    return null;
  }
}

type TemplateHit = { id: string; slug: string; name: string; owned: boolean };
/**
 * Template slugs (yours) and ids (others'), as templates_get and generations_create take them,
 * matched on the slug or the name. Search is full-text (whole words), so typed prefixes are matched
 * here over the templates the caller can see.
 */
export async function templateRefs(ctx: Context, value: string): Promise<string[]> {
  const page = await read<{ items: TemplateHit[] }>(ctx, "templates.search", { scope: "all", limit: 50 });
  const items = page?.items ?? [];
  const ref = (t: TemplateHit) => (t.owned ? t.slug : t.id);
  const byName = new Set(items.filter((t) => contains(value)(t.name)).map(ref));
  return [...new Set([...ranked(items.map(ref), value), ...byName])].slice(0, MAX_COMPLETIONS);
}

export async function capabilities(ctx: Context, value: string): Promise<string[]> {
  const agents = await read<AgentOutput[]>(ctx, "agents.list", { scope: "all", limit: 100 });
  return ranked((agents ?? []).filter((a) => a.status !== "disabled").flatMap((a) => a.capabilities), value);
}

