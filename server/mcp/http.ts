import "server-only";
// The /api/mcp request: Origin check (DNS-rebinding protection), bearer-key auth, then a fresh
// stateless server and transport for this one request.
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { TRPCError } from "@trpc/server";
import { AppError } from "@/server/errors";
import { appUrl, env } from "@/server/env";
import { readTextLimited } from "@/server/http/body-limit";
import { foreignOrigin } from "@/server/http/origin";
import { type Context, createContext } from "@/server/trpc/context";
import { buildMcpServer } from "./server";

const jsonError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ jsonrpc: "2.0", error: { code: status === 401 ? -32001 : -32000, message }, id: null }, { status, headers });

/** Whether a JSON-RPC body asks for progress (then the reply streams as SSE). */
function wantsProgress(body: unknown): boolean {
  const msgs = Array.isArray(body) ? body : [body];
  return msgs.some((m) => m && typeof m === "object" && (m as { params?: { _meta?: { progressToken?: unknown } } }).params?._meta?.progressToken !== undefined);
}

/** RFC 9728 §5.1: every 401 names the resource metadata, where MCP clients find the authorization server. */
const challenge = (extra = "") => `Bearer resource_metadata="${appUrl(env)}/.well-known/oauth-protected-resource/api/mcp"${extra}`;

export interface McpHandlerOptions {
  /** How the caller is resolved; tests pass one bound to their own database. */
  createContext?: (opts: { headers: Headers }) => Promise<Context>;
  onCall?: (ctx: Context) => Promise<void>;
}

export async function handleMcpRequest(req: Request, opts: McpHandlerOptions = {}): Promise<Response> {
  const origin = foreignOrigin(req.headers);
  if (origin) return jsonError(403, `Origin ${origin} is not allowed`);
  if (req.method !== "POST") {
    return jsonError(405, "This MCP endpoint is stateless: send JSON-RPC with POST", { allow: "POST" });
  }
  if (!req.headers.get("authorization")?.toLowerCase().startsWith("bearer ")) {
    return jsonError(401, "Send an API key (Authorization: Bearer cmp_…) or sign in with OAuth", { "www-authenticate": challenge() });
  }
  let ctx: Context;
  try {
    ctx = { ...(await (opts.createContext ?? createContext)({ headers: req.headers })), surface: "mcp" };
  } catch (err) {
    if (err instanceof TRPCError && err.code === "UNAUTHORIZED") {
      return jsonError(401, err.message, { "www-authenticate": challenge(', error="invalid_token"') });
    }
    throw err;
  }
  let text: string;
  try {
    text = await readTextLimited(req);
  } catch (err) {
    if (err instanceof AppError) return jsonError(err.status, err.message);
    throw err;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return Response.json({ jsonrpc: "2.0", error: { code: -32700, message: "Parse error: the body is not JSON" }, id: null }, { status: 400 });
  }
  await opts.onCall?.(ctx);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: !wantsProgress(body),
  });
  const server = buildMcpServer(ctx);
  await server.connect(transport);
  const res = await transport.handleRequest(req, { parsedBody: body });
  // JSON replies are complete here; SSE replies close the server when the stream ends.
  if (res.headers.get("content-type")?.includes("application/json")) void server.close();
  return res;
}
