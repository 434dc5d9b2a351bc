import "server-only";
// Checking an OAuth access token presented as a bearer: the provider's own record of it (opaque
// tokens are their record's id), unexpired, issued for this resource (RFC 8707 audience), under a
// connection that still exists; it acts as the person who approved it, in the organization they
// chose, with the approved scopes capped by their current role there. Nothing is cached: a
// revoke deletes the records, so the next call on any instance is refused.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, oauthConnections, oauthRecords, organizations, type Role } from "@/db/schema";
import type { ToolProfile } from "@/server/schemas/tool-profiles";
import { isScope, roleCan, type Scope } from "@/server/services/permissions";
import { profileFrom, profileJoin, profileRecords } from "./grant-profile";

export interface VerifiedOAuthToken {
  grantId: string;
  clientId: string;
  clientName: string;
  userId: string;
  orgId: string;
  plan: string;
  role: Role;
  scopes: Scope[];
  /** The MCP tools its tools/list shows, as the person picked on the consent page. */
  toolProfile: ToolProfile;
}

interface AccessTokenPayload {
  exp?: number;
  aud?: string | string[];
  scope?: string;
  grantId?: string;
  accountId?: string;
  clientId?: string;
}

export async function verifyOAuthToken(db: DbOrTx, token: string, resource: string, now = Date.now()): Promise<VerifiedOAuthToken | null> {
  if (!/^[A-Za-z0-9_-]{32,128}$/.test(token)) return null;
  const [row] = await db
    .select({ payload: oauthRecords.payload, expiresAt: oauthRecords.expiresAt, conn: oauthConnections, role: memberships.role, plan: organizations.plan, profile: profileRecords.payload })
    .from(oauthRecords)
    .innerJoin(oauthConnections, eq(oauthConnections.grantId, oauthRecords.grantId))
    .innerJoin(memberships, and(eq(memberships.organizationId, oauthConnections.organizationId), eq(memberships.userId, oauthConnections.userId)))
    .innerJoin(organizations, eq(organizations.id, oauthConnections.organizationId))
    .leftJoin(profileRecords, profileJoin(oauthConnections.grantId))
    .where(and(eq(oauthRecords.model, "AccessToken"), eq(oauthRecords.id, token)))
    .limit(1);
  if (!row) return null;
  const p = row.payload as AccessTokenPayload;
  if (!p.exp || p.exp * 1000 <= now || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
  const aud = Array.isArray(p.aud) ? p.aud : [p.aud];
  if (!aud.includes(resource)) return null;
  if (p.accountId !== row.conn.userId || p.clientId !== row.conn.clientId) return null;
  // Settings → Connected apps shows when it was last used; written at most once a minute.
  if (!row.conn.lastUsedAt || now - row.conn.lastUsedAt.getTime() > 60_000) {
    await db.update(oauthConnections).set({ lastUsedAt: new Date(now) }).where(eq(oauthConnections.grantId, row.conn.grantId));
  }
  const granted = String(p.scope ?? "")
    .split(" ")
    .filter((s): s is Scope => isScope(s) && row.conn.scopes.includes(s) && roleCan(row.role, s));
  return {
    grantId: row.conn.grantId,
    clientId: row.conn.clientId,
    clientName: row.conn.clientName,
    userId: row.conn.userId,
    orgId: row.conn.organizationId,
    plan: row.plan,
    role: row.role,
    scopes: granted,
    toolProfile: profileFrom(row.profile),
  };
}
