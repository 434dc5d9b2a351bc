import "server-only";
// The OpenAPI 3.1 document of /api/v1, generated from the same procedure meta and zod schemas.
import { jsonSchemaOf } from "@/server/trpc/catalog";
import { restRoutes } from "./routes";

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };

const errorResponses: Record<string, string> = {
  "400": "Bad input: the message and `fields` name what to fix; nothing was written",
  "401": "Missing, invalid, revoked or expired API key",
  "402": "Not enough credits: the message names the price and the balance; nothing was written",
  "403": "The key's scopes or its creator's role do not allow this",
  "404": "Not found in this organization",
  "409": "Conflicts with the current state",
  "422": "Understood but cannot be processed",
  "429": "Rate limit or quota reached; see Retry-After",
};

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of restRoutes()) {
    const e = route.entry;
    const input = jsonSchemaOf(e.input, "input") as Schema;
    const props = input.properties ?? {};
    const required = new Set(input.required ?? []);
    const parameters: unknown[] = route.params.map((name) => ({ name, in: "path", required: true, schema: props[name] ?? { type: "string" } }));
    const bodyProps = Object.fromEntries(Object.entries(props).filter(([k]) => !route.params.includes(k)));
    const isQuery = route.method === "GET" || route.method === "DELETE";
    if (isQuery) {
      for (const [name, schema] of Object.entries(bodyProps)) parameters.push({ name, in: "query", required: required.has(name), schema });
    }
    const op: Record<string, unknown> = {
      operationId: e.meta.tool ?? e.path.replace(/\./g, "_"),
      summary: e.meta.tool ?? e.path,
      description: e.meta.description ?? e.path,
      tags: [e.path.split(".")[0]],
      "x-scope": e.meta.scope,
      security: [{ bearerAuth: [] }],
      parameters,
      responses: {
        "200": { description: "OK", content: { "application/json": { schema: e.output ? jsonSchemaOf(e.output, "output") : {} } } },
        ...Object.fromEntries(Object.entries(errorResponses).map(([code, description]) => [code, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }])),
      },
    };
    if (!isQuery && Object.keys(bodyProps).length) {
      const bodyRequired = (input.required ?? []).filter((r) => !route.params.includes(r));
      op.requestBody = {
        required: bodyRequired.length > 0,
        content: { "application/json": { schema: { ...input, properties: bodyProps, ...(bodyRequired.length ? { required: bodyRequired } : { required: undefined }) } } },
      };
    }
    const p = route.template;
    paths[p] ??= {};
    paths[p][route.method.toLowerCase()] = op;
  }
  return JSON.parse(
    JSON.stringify({
      openapi: "3.1.0",
      info: {
        title: "Cloud MCP Platform API",
        version: "1.0.0",
        description: "Tasks, agents, templates and generations. The same procedures are MCP tools at /api/mcp and tRPC procedures at /api/trpc.",
      },
      servers: [{ url: serverUrl }],
      components: {
        securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key: cmp_…" } },
        schemas: {
          Error: {
            type: "object",
            required: ["error"],
            properties: {
              error: {
                type: "object",
                required: ["code", "message"],
                properties: {
                  code: { type: "string" },
                  message: { type: "string" },
                  fields: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
                },
              },
            },
          },
        },
      },
      paths,
    }),
  );
}
