import "server-only";
// /api/v1: every procedure with a REST route, called through the tRPC caller with bearer-key auth.
import { TRPCError } from "@trpc/server";
import { appUrl, env } from "@/server/env";
import { AppError } from "@/server/errors";
import { readTextLimited } from "@/server/http/body-limit";
import { callProcedure, toJson } from "@/server/trpc/catalog";
import { type Context, createContext } from "@/server/trpc/context";
import { describeError } from "@/server/trpc/describe-error";
import { openApiDocument } from "./openapi";
import { coerceQuery, matchRoute } from "./routes";


export function restError(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return Response.json({ error: { code, message, ...extra } }, { status, headers });
}

/** Everything under /api/v1: the OpenAPI document, or a procedure's route. `path` is percent-encoded, after /api/v1. */
export async function handleV1Request(req: Request, path: string, opts: RestHandlerOptions = {}): Promise<Response> {
  if (req.method === "GET" && path === "/openapi.json") {
    return Response.json(openApiDocument(`${appUrl(env)}/api/v1`), { headers: { "cache-control": "public, max-age=60" } });
  }
  return handleRestRequest(req, path, opts);
}

export interface RestHandlerOptions {
  createContext?: (opts: { headers: Headers; resHeaders?: Headers | null }) => Promise<Context>;
}

export async function handleRestRequest(req: Request, path: string, opts: RestHandlerOptions = {}): Promise<Response> {
  const match = matchRoute(req.method, path);
  if (!match) return restError(404, "NOT_FOUND", `No route ${req.method} /api/v1${path}. See /api/v1/openapi.json.`);
  if ("allowed" in match) {
    return restError(405, "METHOD_NOT_ALLOWED", `${req.method} is not allowed on /api/v1${path}`, {}, { allow: match.allowed.join(", ") });
  }
  if (!req.headers.get("authorization")?.toLowerCase().startsWith("bearer ")) {
    return restError(401, "UNAUTHORIZED", "Send an API key: Authorization: Bearer cmp_…", {}, { "www-authenticate": "Bearer" });
  }
  let ctx: Context;
  // Set by procedures (RateLimit-* from the plan's limits) and sent with the answer.
  const resHeaders = new Headers();
  try {
    ctx = { ...(await (opts.createContext ?? createContext)({ headers: req.headers, resHeaders })), surface: "rest", resHeaders };
  } catch (err) {
    if (err instanceof TRPCError && err.code === "UNAUTHORIZED") {
      return restError(401, "UNAUTHORIZED", err.message, {}, { "www-authenticate": 'Bearer error="invalid_token"' });
    }
    throw err;
  }
  const { route, params } = match;
  let input: Record<string, unknown> = coerceQuery(route.entry, new URL(req.url).searchParams);
  if (req.method !== "GET" && req.method !== "DELETE") {
    let text: string;
    try {
      text = await readTextLimited(req);
    } catch (err) {
      if (err instanceof AppError) return restError(err.status, err.code, err.message);
      throw err;
    }
    if (text.trim()) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return restError(400, "BAD_REQUEST", "The request body is not valid JSON");
      }
      if (!body || typeof body !== "object" || Array.isArray(body)) return restError(400, "BAD_REQUEST", "The request body must be a JSON object");
      input = { ...input, ...(body as Record<string, unknown>) };
    }
  }
  for (const [k, v] of Object.entries(params)) {
    if (Object.hasOwn(input, k) && input[k] !== v) return restError(400, "BAD_REQUEST", `${k}: the path says ${v} but the body says ${String(input[k])}`, { fields: [{ path: k, message: "conflicts with the path" }] });
    input[k] = v;
  }
  try {
    const result = await callProcedure(ctx, route.entry.path, route.entry.input ? input : undefined);
    return Response.json(toJson(result), { status: 200, headers: { ...Object.fromEntries(resHeaders), "x-request-id": ctx.requestId } });
  } catch (err) {
    const e = describeError(err);
    if (e.status >= 500) ctx.log.error({ err, path: route.entry.path }, "rest call failed");
    const headers: Record<string, string> = { ...Object.fromEntries(resHeaders), "x-request-id": ctx.requestId };
    if (e.retryAfterSeconds) headers["retry-after"] = String(e.retryAfterSeconds);
    return restError(e.status, e.code, e.message, e.fields ? { fields: e.fields } : {}, headers);
  }
}
