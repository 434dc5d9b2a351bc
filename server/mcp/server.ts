import "server-only";
// A stateless MCP server built per request for one authenticated caller.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  CompleteRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ErrorCode,
  McpError,
  ReadResourceRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { allowedFor, callProcedure, toJson } from "@/server/trpc/catalog";
import type { Context } from "@/server/trpc/context";
import { describeError } from "@/server/trpc/describe-error";
import { completePromptArgument, getPrompt, listPrompts } from "./prompts";
import { mcpResources } from "./resources";
import { mcpServerInfo } from "./server-info";
import { findTool, listToolsFor, structuredOf } from "./tools";

/** JSON-RPC error code the MCP specification gives an unknown resource. */
const RESOURCE_NOT_FOUND = -32002;

export { mcpServerInfo };

function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text: message }] };
}

// One validator for every per-request server: building Ajv (its keywords) per request cost a
// noticeable share of each call. It only compiles schemas the server is asked to check.
const jsonSchemaValidator = new AjvJsonSchemaValidator();

export function buildMcpServer(ctx: Context): Server {
  const server = new Server(mcpServerInfo, {
    jsonSchemaValidator,
    capabilities: { tools: { listChanged: false }, resources: { listChanged: false }, prompts: { listChanged: false }, completions: {} },
    instructions:
      "Cloud MCP Platform: create and track tasks, claim and complete work as an agent, search templates and generate files. Every call acts in the API key's organization. Prompts: hand_off_task, scaffold_project.",
  });

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listToolsFor(ctx) }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const entry = findTool(request.params.name);
    if (!entry) return errorResult(`Unknown tool "${request.params.name}". Call tools/list to see the tools this key may use.`);
    if (!allowedFor(ctx, entry)) {
      return errorResult(`This API key cannot use ${entry.meta.tool}: it needs the ${entry.meta.scope} scope.`);
    }
    const progressToken = request.params._meta?.progressToken;
    const callCtx: Context = progressToken === undefined
      ? ctx
      : {
          ...ctx,
          progress: (p) =>
            extra.sendNotification({ method: "notifications/progress", params: { progressToken, progress: p.progress, total: p.total, message: p.message } }),
        };
    try {
      const result = toJson(await callProcedure(callCtx, entry.path, request.params.arguments ?? {}));
      const structured = structuredOf(result);
      return {
        content: [{ type: "text", text: JSON.stringify(result, null, 2) }],
        ...(entry.output ? { structuredContent: structured } : {}),
      };
    } catch (err) {
      const e = describeError(err);
      if (e.status >= 500) ctx.log.error({ err, tool: entry.meta.tool }, "mcp tool failed");
      const hint = e.fields?.length ? ` Fix: ${e.fields.map((f) => `\`${f.path}\` ${f.message}`).join("; ")}.` : "";
      return errorResult(`${e.code}: ${e.message}.${hint}`.replace("..", "."));
    }
  });

  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: await mcpResources.list(ctx) }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({ resourceTemplates: mcpResources.templates }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    try {
      return { contents: await mcpResources.read(ctx, request.params.uri) };
    } catch (err) {
      // The same translation as tools: our words for what failed, never an internal message.
      const e = describeError(err);
      if (e.status >= 500) ctx.log.error({ err, uri: request.params.uri }, "mcp resource read failed");
      const code = e.status === 404 ? RESOURCE_NOT_FOUND : e.status >= 500 ? ErrorCode.InternalError : ErrorCode.InvalidParams;
      throw new McpError(code, `${e.code}: ${e.message}`, { status: e.status, ...(e.fields ? { fields: e.fields } : {}) });
    }
  });

  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts: listPrompts(ctx) }));
  server.setRequestHandler(GetPromptRequestSchema, async (request) => getPrompt(ctx, request.params.name, request.params.arguments));
  server.setRequestHandler(CompleteRequestSchema, async (request) => {
    const { ref, argument, context } = request.params;
    const values =
      ref.type === "ref/prompt"
        ? await completePromptArgument(ctx, ref.name, argument.name, argument.value, context)
        : await mcpResources.complete(ctx, ref.uri, argument.name, argument.value);
    return { completion: { values: values.slice(0, 100), total: values.length, hasMore: false } };
  });

  return server;
}
