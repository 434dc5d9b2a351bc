import "server-only";
// Which browser origins may call the API with the user's cookies (and the MCP endpoint at all):
// the app's own, plus MCP_ALLOWED_ORIGINS. A request from another site's page carries its Origin;
// refusing it stops cross-site request forgery and DNS-rebinding. Clients without an Origin header
// (curl, SDKs, agents) are not browsers and are not refused on this ground.
import { appUrl, env } from "@/server/env";

export function allowedOrigins(): Set<string> {
  const origins = new Set<string>([new URL(appUrl(env)).origin]);
  if (!env.APP_URL) origins.add(`http://127.0.0.1:${env.PORT}`);
  for (const o of env.MCP_ALLOWED_ORIGINS?.split(",") ?? []) if (o.trim()) origins.add(o.trim().replace(/\/+$/, ""));
  return origins;
}

/** The refused Origin, or null when the request may proceed. */
export function foreignOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  return origin && !allowedOrigins().has(origin) ? origin : null;
}
