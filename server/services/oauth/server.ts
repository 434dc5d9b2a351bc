import "server-only";
// One authorization server: the configured provider and the bridge that serves it to route handlers.
import type Provider from "oidc-provider";
import type { Db } from "@/db/client";
import { ProviderBridge } from "./bridge";
import { createProvider, OAUTH_BASE, type OAuthOptions } from "./provider";
import { mcpResource } from "./resource";

export interface OAuthServer {
  db: Db;
  provider: Provider;
  issuer: string;
  /** The one resource tokens are issued for: the MCP endpoint. */
  resource: string;
  handle(req: Request, path?: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * RFC 7591 §3.2.1 lets the server replace requested metadata: a registration's `scope` is dropped,
 * since the platform's scopes belong to the resource and the person picks them on the consent page
 * (oidc-provider would refuse them as unknown OpenID scopes).
 */
async function withoutRegisteredScope(req: Request): Promise<Request> {
  if (req.method !== "POST" || !new URL(req.url).pathname.endsWith(`${OAUTH_BASE}/register`)) return req;
  const text = await req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Request(req.url, { method: req.method, headers: req.headers, body: text });
  }
  if (body && typeof body === "object") delete (body as { scope?: unknown }).scope;
  return new Request(req.url, { method: req.method, headers: req.headers, body: JSON.stringify(body) });
}

export async function createOAuthServer(opts: OAuthOptions): Promise<OAuthServer> {
  const issuer = opts.issuer.replace(/\/+$/, "");
  const provider = await createProvider({ ...opts, issuer });
  const bridge = new ProviderBridge(provider, new URL(issuer));
  return {
    db: opts.db,
    provider,
    issuer,
    resource: mcpResource(issuer),
    handle: async (req, path) => bridge.handle(await withoutRegisteredScope(req), path),
    close: () => bridge.close(),
  };
}
