import "server-only";
// One authorization server: the configured provider and the bridge that serves it to route handlers.
import type Provider from "oidc-provider";
import type { Db } from "@/db/client";
import type { RateLimiter } from "@/server/adapters/ratelimit/types";
import { clientIp } from "@/server/http/client-ip";
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
const isRegistration = (req: Request) => req.method === "POST" && new URL(req.url).pathname.endsWith(`${OAUTH_BASE}/register`);

async function withoutRegisteredScope(req: Request): Promise<Request> {
  if (!isRegistration(req)) return req;
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

/** Dynamic Client Registration is open to anyone: each address may register this many clients an hour. */
export interface RegistrationLimit {
  limiter: RateLimiter;
  perIpPerHour: number;
}

const HOUR_MS = 3_600_000;

/** A 429 in RFC 7591's error shape when the caller's address has registered its hourly share, else null. */
async function registrationRefusal(req: Request, limit: RegistrationLimit | undefined): Promise<Response | null> {
  if (!limit || !isRegistration(req)) return null;
  const hit = await limit.limiter.hit(`oauth:register:ip:${clientIp(req.headers) ?? "unknown"}`, limit.perIpPerHour, HOUR_MS);
  if (hit.ok) return null;
  const retryAfter = Math.max(1, Math.ceil(hit.resetMs / 1000));
  return Response.json(
    { error: "invalid_request", error_description: `Too many client registrations from this address (at most ${limit.perIpPerHour} an hour); try again in ${retryAfter} s` },
    { status: 429, headers: { "retry-after": String(retryAfter), "cache-control": "no-store" } },
  );
}

export async function createOAuthServer(opts: OAuthOptions & { registrations?: RegistrationLimit }): Promise<OAuthServer> {
  const issuer = opts.issuer.replace(/\/+$/, "");
  const provider = await createProvider({ ...opts, issuer });
  const bridge = new ProviderBridge(provider, new URL(issuer));
  return {
    db: opts.db,
    provider,
    issuer,
    resource: mcpResource(issuer),
    handle: async (req, path) => (await registrationRefusal(req, opts.registrations)) ?? bridge.handle(await withoutRegisteredScope(req), path),
    close: () => bridge.close(),
  };
}
