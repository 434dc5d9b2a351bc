import "server-only";
import { clientIp } from "@/server/http/client-ip";
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";
import { getDb } from "@/server/db";
import { type Logger, logger } from "@/server/logger";
import type { Actor } from "@/server/services/context";
import { verifyApiKey } from "@/server/services/keys/api-keys";
import { mcpResource } from "@/server/services/oauth/resource";
import { verifyOAuthToken } from "@/server/services/oauth/tokens";
import { appUrl, env } from "@/server/env";
import { myOrganizationsCached } from "@/server/services/orgs/membership-cache";
import type { Surface } from "@/server/metrics/registry";
import type { Scope } from "@/server/services/permissions";
import type { ToolProfile } from "@/server/schemas/tool-profiles";
import { ORG_COOKIE } from "./constants";


export interface Context {
  db: Db;
  log: Logger;
  requestId: string;
  ip: string | null;
  actor: Actor | null;
  /** The organization this request acts in, with the actor's role there. */
  org: { id: string; role: Role; plan?: string } | null;
  /** For API keys: the scopes the key grants (already capped by its creator's role). */
  keyScopes: Scope[] | null;
  /** For API keys: which MCP tools its clients list (every tool the scopes allow when unset). */
  toolProfile?: ToolProfile;
  /** Response headers (cookies) when served over HTTP. */
  resHeaders: Headers | null;
  /** Set by surfaces that can stream progress (MCP with a progress token) for long calls. */
  progress?: (p: { progress: number; total?: number; message?: string }) => void | Promise<void>;
  /** Which surface the call came through, for metrics (tRPC when unset). */
  surface?: Surface;
}

function readCookie(headers: Headers, name: string): string | null {
  const raw = headers.get("cookie");
  if (!raw) return null;
  for (const part of raw.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}


export interface ContextSource {
  db: Db;
  /** The resource OAuth access tokens must be bound to (this app's /api/mcp); unset: OAuth tokens are not accepted. */
  oauthResource?: string;
  /** The signed-in user's id from the session cookie, if any. */
  sessionUser: () => Promise<{ id: string; email?: string | null } | null>;
}

/** Resolves who is calling: a bearer API key, else the session cookie. */
export async function createContext(opts: { headers: Headers; resHeaders?: Headers | null }): Promise<Context> {
  return contextFrom({ db: await getDb(), sessionUser: sessionUserFromAuth, oauthResource: mcpResource(appUrl(env)) }, opts);
}

async function sessionUserFromAuth() {
  // Loaded on demand: bearer-key requests (MCP, REST, SDK) never touch the session machinery.
  const { auth } = await import("@/server/auth");
  const session = await auth();
  return session?.user?.id ? { id: session.user.id, email: session.user.email } : null;
}

export async function contextFrom(source: ContextSource, opts: { headers: Headers; resHeaders?: Headers | null }): Promise<Context> {
  const { db } = source;
  const requestId = opts.headers.get("x-request-id") || randomUUID();
  const ip = clientIp(opts.headers);
  const base = { db, requestId, ip, resHeaders: opts.resHeaders ?? null };
  const authz = opts.headers.get("authorization");
  if (authz?.toLowerCase().startsWith("bearer ")) {
    const bearer = authz.slice(7).trim();
    // API keys start cmp_; anything else may be an OAuth access token (the MCP connectors' sign-in).
    if (!bearer.startsWith("cmp_") && source.oauthResource) {
      const token = await verifyOAuthToken(db, bearer, source.oauthResource);
      if (!token) throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid, revoked or expired access token" });
      return {
        ...base,
        log: logger.child({ requestId, orgId: token.orgId, userId: token.userId, oauthClient: token.clientId }),
        // Acts like a key of the person who approved it: rate-limited per grant, audited as the app.
        actor: { type: "apiKey", keyId: `oauth:${token.grantId}`, userId: token.userId, label: `app:${token.clientName}` },
        org: { id: token.orgId, role: token.role, plan: token.plan },
        keyScopes: token.scopes,
        toolProfile: token.toolProfile,
      };
    }
    const key = await verifyApiKey(db, bearer);
    // A presented but invalid key is an error, never a silent fall-back to anonymous.
    if (!key) throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid, revoked or expired API key" });
    return {
      ...base,
      log: logger.child({ requestId, orgId: key.orgId, apiKeyId: key.keyId }),
      actor: { type: "apiKey", keyId: key.keyId, userId: key.userId, label: `key:${key.name}` },
      org: { id: key.orgId, role: key.role, plan: key.plan },
      keyScopes: key.scopes,
      toolProfile: key.toolProfile,
    };
  }
  const user = await source.sessionUser();
  if (!user) return { ...base, log: logger.child({ requestId }), actor: null, org: null, keyScopes: null };
  const orgs = await myOrganizationsCached(db, user.id);
  const wanted = readCookie(opts.headers, ORG_COOKIE);
  const active = orgs.find((o) => o.id === wanted) ?? orgs[0] ?? null;
  return {
    ...base,
    log: logger.child({ requestId, orgId: active?.id, userId: user.id }),
    actor: { type: "user", userId: user.id, label: user.email ?? user.id },
    org: active ? { id: active.id, role: active.role, plan: active.plan } : null,
    keyScopes: null,
  };
}
