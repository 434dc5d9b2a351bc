import "server-only";
// Variables are checked against the version's JSON Schema subset (types, enum, required, bounds,
// pattern) and defaults are applied, before anything renders. Errors name the variable.
import { AppError, type FieldIssue } from "@/server/errors";

export interface VariableSchema {
  type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
  description?: string;
  default?: unknown;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  items?: VariableSchema;
  properties?: Record<string, VariableSchema>;
  required?: string[];
  title?: string;
}

export interface VariablesSchema {
  type?: "object";
  properties?: Record<string, VariableSchema>;
  required?: string[];
}

const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

function check(schema: VariableSchema, value: unknown, path: string, issues: FieldIssue[]): unknown {
  if (value === undefined) return value;
  const t = schema.type;
  const got = typeName(value);
  if (t === "integer" ? !(typeof value === "number" && Number.isInteger(value)) : t && t !== got) {
    issues.push({ path, message: `expected ${t}, received ${got === "number" && t === "integer" ? "a non-integer number" : got}` });
    return value;
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    issues.push({ path, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}` });
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) issues.push({ path, message: `must be at least ${schema.minLength} characters` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength) issues.push({ path, message: `must be at most ${schema.maxLength} characters` });
    if (schema.pattern !== undefined) {
      let re: RegExp | null = null;
      try {
        re = new RegExp(schema.pattern, "u");
      } catch {
        issues.push({ path, message: `the schema's pattern is not a valid regular expression` });
      }
      if (re && !re.test(value)) issues.push({ path, message: `must match ${schema.pattern}` });
    }
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) issues.push({ path, message: `must be ≥ ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) issues.push({ path, message: `must be ≤ ${schema.maximum}` });
  }
  if (Array.isArray(value) && schema.items) return value.map((v, i) => check(schema.items!, v, `${path}[${i}]`, issues));
  if (got === "object" && schema.properties) return applyObject(schema, value as Record<string, unknown>, path, issues);
  return value;
}

function applyObject(schema: VariablesSchema | VariableSchema, value: Record<string, unknown>, prefix: string, issues: FieldIssue[]) {
  const out: Record<string, unknown> = { ...value };
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (out[name] === undefined && prop.default !== undefined) out[name] = structuredClone(prop.default);
    if (out[name] === undefined) {
      if (schema.required?.includes(name)) issues.push({ path, message: `is required${prop.description ? ` (${prop.description})` : ""}` });
      continue;
    }
    out[name] = check(prop, out[name], path, issues);
  }
  return out;
}

/** Validated variables with defaults applied, or an AppError naming every offending variable. */
export function resolveVariables(schema: VariablesSchema | null | undefined, values: Record<string, unknown>): Record<string, unknown> {
  const issues: FieldIssue[] = [];
  const out = applyObject(schema ?? {}, values ?? {}, "", issues);
  if (issues.length) {
    const fields = issues.map((i) => ({ path: `variables.${i.path}`, message: i.message }));
    throw new AppError("BAD_REQUEST", `Invalid variables: ${fields.map((f) => `${f.path} ${f.message}`).join("; ")}`, { fields });
  }
  return out;
}
