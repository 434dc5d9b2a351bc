import "server-only";
// JSON Schemas as a model pays for them. Every MCP client loads tools/list into its model's
// context, so the tool schemas are cut to what tells a model how to call a tool and what comes
// back; the server still validates every input with the procedure's zod schema, so nothing a
// schema here leaves out goes unchecked (a bad UUID is still refused with a clear error).
import { z } from "zod";

type Json = Record<string, unknown>;

/**
 * Input schema: zod's JSON Schema without the noise. A UUID is `format: "uuid"` (Ajv with
 * ajv-formats, which the SDK uses, knows it) without zod's 170-character pattern, and no string
 * carries a pattern (the server's error says what fits); record keys
 * lose the `propertyNames: {type: string}` every JSON key satisfies; dates say they are
 * date-time strings instead of an empty schema.
 */
export function leanInputSchema(schema: z.ZodType | null): Json {
  if (!schema) return { type: "object", properties: {} };
  const json = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
    override: ({ zodSchema, jsonSchema }) => {
      const def = (zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def;
      if (def.type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
    },
  }) as Json;
  delete json.$schema;
  // An input that defaults as a whole (list filters) is optional already: arguments may be omitted.
  delete json.default;
  return strip(json) as Json;
}

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    // Lengths, counts and patterns are checked by the server, whose error names the field and the
    // rule; a model gains little from 20000 on every description or a regular expression on every
    // capability and version. Number ranges and enums stay: they carry meaning.
    if (SERVER_CHECKED.has(k)) continue;
    if (k === "propertyNames" && isPlainString(strip(v))) continue;
    // `{}` (anything) is the default of additionalProperties: saying it costs characters.
    if (k === "additionalProperties" && isEmpty(v)) continue;
    out[k] = k === "properties" && v && typeof v === "object" && !Array.isArray(v) ? stripEach(v as Json) : strip(v);
  }
  return out;
}

/** A `properties` map: its keys are field names (a field may be called `pattern`), its values schemas. */
function stripEach(props: Json): Json {
  return Object.fromEntries(Object.entries(props).map(([name, schema]) => [name, strip(schema)]));
}

const SERVER_CHECKED = new Set(["minLength", "maxLength", "minItems", "maxItems", "pattern"]);
const isPlainString = (v: unknown) => JSON.stringify(v) === '{"type":"string"}';
const isEmpty = (v: unknown) => JSON.stringify(v) === "{}";

/**
 * How many object levels of a result are spelled out; deeper objects are just `object`. A list's
 * items count as the level of the object holding the list, so `{items: [task]}` names the task's fields.
 */
const OUTPUT_DEPTH = 1;

/**
 * Output schema: the result's outline — field names with their types and enums, objects spelled
 * out to OUTPUT_DEPTH — without `required`, bounds, patterns or `additionalProperties: false`.
 * A looser schema than the procedure's output, so every result still conforms to it (the MCP
 * spec requires structuredContent to match a declared outputSchema; the SDK client checks).
 */
export function outlineSchema(node: Json, depth = OUTPUT_DEPTH): Json {
  const branches = (node.anyOf ?? node.oneOf) as Json[] | undefined;
  if (branches) {
    const nonNull = branches.filter((b) => b.type !== "null");
    if (nonNull.length === 1) return nullable(outlineSchema(nonNull[0]!, depth), nonNull.length < branches.length);
    return {};
  }
  const out: Json = {};
  if (node.type !== undefined) out.type = node.type;
  if (Array.isArray(node.enum)) out.enum = node.enum;
  if (node.const !== undefined) out.const = node.const;
  const types = ([] as unknown[]).concat(node.type ?? []);
  if (types.includes("object") && node.properties && depth > 0) {
    out.properties = Object.fromEntries(Object.entries(node.properties as Record<string, Json>).map(([k, v]) => [k, outlineSchema(v, depth - 1)]));
  }
  if (types.includes("array") && node.items && typeof node.items === "object") {
    const items = outlineSchema(node.items as Json, depth + 1);
    if (Object.keys(items).length) out.items = items;
  }
  return out;
}

function nullable(s: Json, orNull: boolean): Json {
  if (!orNull || Object.keys(s).length === 0) return s;
  const out = { ...s };
  if (out.type !== undefined) out.type = [...new Set([...([] as unknown[]).concat(out.type), "null"])];
  if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  if (out.const !== undefined) {
    out.enum = [out.const, null];
    delete out.const;
  }
  return out;
}
