import "server-only";
// The lean path: in the self-hosted server (scripts/serve.mjs), API requests that need no Next.js
// machinery go straight to the same Web `Request → Response` handlers the route files call,
// skipping Next's request pipeline (about half of an agent call's CPU). Everything else — pages,
// cookie-authenticated tRPC (the session needs Next's request context), auth, Inngest — goes to
// Next. The route files stay, so a Next-hosted deployment serves the same handlers the usual way.
import { traceRequest } from "@/server/adapters/tracing";
import { serviceDeps } from "@/server/deps";
import { serveDownload, serveGit } from "@/server/services/filegen/downloads";
import { handleMcpRequest } from "@/server/mcp/http";
import { handleV1Request } from "@/server/rest/handler";
import { handleTrpcRequest } from "@/server/trpc/http";
import { healthResponse, liveResponse } from "@/server/health-response";

type Handler = (req: Request, rest: string) => Promise<Response> | Response;

const bearer = (_method: string, authorization: string | null) => Boolean(authorization?.toLowerCase().startsWith("bearer "));
const get = (method: string) => method === "GET";

/** Path segments as Next's dynamic params give them: decoded once, or null when malformed. */
function segments(rest: string): string[] | null {
  try {
    return rest.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

const routes: { prefix: string; exact?: boolean; when?: (method: string, authorization: string | null) => boolean; handle: Handler }[] = [
  { prefix: "/api/mcp", exact: true, handle: (req) => handleMcpRequest(req) },
  { prefix: "/api/trpc/", when: bearer, handle: (req) => handleTrpcRequest(req) },
  {
    prefix: "/api/v1/",
    handle: (req, rest) => {
      const parts = segments(rest);
      return parts ? handleV1Request(req, `/${parts.map(encodeURIComponent).join("/")}`) : Response.json({ error: { code: "NOT_FOUND", message: "Malformed path" } }, { status: 404 });
    },
  },
  { prefix: "/api/files/", when: get, handle: async (_req, rest) => serveDownload(await serviceDeps(), segments(rest)?.[0] ?? "") },
  {
    prefix: "/api/git/",
    when: get,
    handle: async (_req, rest) => {
      const [token = "", ...path] = segments(rest) ?? [];
      return serveGit(await serviceDeps(), token, path);
    },
  },
  { prefix: "/api/health", exact: true, when: get, handle: () => healthResponse() },
  { prefix: "/api/health/live", exact: true, when: get, handle: () => liveResponse() },
];

/** The handler for a request the lean path serves, or null to hand it to Next. */
export function leanHandlerFor(method: string, pathname: string, authorization: string | null): ((req: Request) => Promise<Response>) | null {
  for (const r of routes) {
    const hit = r.exact ? pathname === r.prefix : pathname.startsWith(r.prefix);
    if (!hit || (r.when && !r.when(method, authorization))) continue;
    const rest = r.exact ? "" : pathname.slice(r.prefix.length);
    return traceRequest(r.prefix, async (req) => r.handle(req, rest));
  }
  return null;
}

declare global {
  var __cmpLeanPath: typeof leanHandlerFor | undefined;
}

/** Called once the server has started (instrumentation.ts): scripts/serve.mjs looks for it. */
export function installLeanPath() {
  globalThis.__cmpLeanPath = leanHandlerFor;
}
