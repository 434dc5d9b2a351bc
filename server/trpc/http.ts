import "server-only";
// The /api/trpc request: for a cookie-authenticated write, the browser's Origin must be ours (a
// page on another site cannot act with the user's session); the body is read within the one body
// limit while it arrives; batches are capped. Then tRPC's fetch adapter serves it.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { AppError } from "@/server/errors";
import { readBodyLimited } from "@/server/http/body-limit";
import { foreignOrigin } from "@/server/http/origin";
import { appRouter } from "@/server/routers/_app";
import { type Context, createContext } from "./context";

/** Calls in one batched request; the dashboard and SDK links batch at most this many. */
export const MAX_BATCH = 20;

const trpcError = (status: number, code: string, message: string) => Response.json({ error: { message, code: -32600, data: { code, httpStatus: status } } }, { status });

export interface TrpcHandlerOptions {
  createContext?: (opts: { headers: Headers; resHeaders?: Headers | null }) => Promise<Context>;
}

export async function handleTrpcRequest(req: Request, opts: TrpcHandlerOptions = {}): Promise<Response> {
  let request = req;
  if (req.method !== "GET" && req.method !== "HEAD") {
    const bearer = req.headers.get("authorization")?.toLowerCase().startsWith("bearer ");
    const origin = bearer ? null : foreignOrigin(req.headers);
    if (origin) return trpcError(403, "FORBIDDEN", `Origin ${origin} may not act with this session`);
    try {
      const body = await readBodyLimited(req);
      const headers = new Headers(req.headers);
      headers.delete("transfer-encoding");
      headers.set("content-length", String(body.byteLength));
      request = new Request(req.url, { method: req.method, headers, body: body.byteLength ? body : null, signal: req.signal });
    } catch (err) {
      if (err instanceof AppError) return trpcError(err.status, err.code, err.message);
      throw err;
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: MAX_BATCH,
    createContext: ({ req: r, resHeaders }) => (opts.createContext ?? createContext)({ headers: r.headers, resHeaders }),
    responseMeta: ({ errors }) => {
      const headers = new Headers();
      if (errors.some((e) => e.code === "UNAUTHORIZED")) headers.set("www-authenticate", "Bearer");
      const wait = errors.map((e) => (e.cause instanceof AppError ? e.cause.details?.retryAfterSeconds : undefined)).find(Boolean);
      if (wait) headers.set("retry-after", String(wait));
      return { headers };
    },
  });
}
