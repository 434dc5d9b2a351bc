import "server-only";
// REST routes from procedure meta: `{ method, path }` templates matched against /api/v1 paths.
import { type CatalogEntry, catalog, jsonSchemaOf } from "@/server/trpc/catalog";

export interface RestRoute {
  entry: CatalogEntry;
  method: string;
  template: string;
  regex: RegExp;
  params: string[];
}

let routes: RestRoute[] | undefined;

export function restRoutes(): RestRoute[] {
  routes ??= catalog()
    .filter((e) => e.meta.rest)
    .map((entry) => {
      const template = entry.meta.rest!.path;
      const params: string[] = [];
      const pattern = template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === "{" || c === "}" ? c : `\\${c}`)).replace(/\{(\w+)\}/g, (_, name: string) => {
        params.push(name);
        return "([^/]+)";
      });
      return { entry, method: entry.meta.rest!.method, template, regex: new RegExp(`^${pattern}/?$`), params };
    })
    // Literal segments win over parameters: /tasks/search before /tasks/{id}.
    .sort((a, b) => a.params.length - b.params.length || b.template.length - a.template.length);
  return routes;
}

export function matchRoute(method: string, path: string): { route: RestRoute; params: Record<string, string> } | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const route of restRoutes()) {
    const m = route.regex.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(m[i + 1]!)]));
    } catch {
      return null; // a malformed %-escape names nothing
    }
    return { route, params };
  }
  return allowed.length ? { allowed } : null;
}

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

function typeOf(s: JsonSchema | undefined): string | undefined {
  if (!s) return undefined;
  if (typeof s.type === "string") return s.type;
  if (Array.isArray(s.type)) return s.type.find((t) => t !== "null");
  return s.anyOf?.map(typeOf).find((t) => t && t !== "null");
}

/** Query-string values typed by the input schema: numbers, booleans and lists become JSON values. */
export function coerceQuery(entry: CatalogEntry, query: URLSearchParams): Record<string, unknown> {
  const props = (jsonSchemaOf(entry.input, "input") as JsonSchema).properties ?? {};
  const out: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    const t = typeOf(Object.hasOwn(props, key) ? props[key] : undefined);
    const one = values[values.length - 1]!;
    if (t === "array") out[key] = values.flatMap((v) => v.split(",")).filter(Boolean);
    else if ((t === "number" || t === "integer") && one !== "" && !Number.isNaN(Number(one))) out[key] = Number(one);
    else if (t === "boolean" && (one === "true" || one === "false")) out[key] = one === "true";
    else out[key] = one;
  }
  return out;
}
