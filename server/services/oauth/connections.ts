import "server-only";
// Settings → Connected apps: the OAuth connections in an organization (each one person's approval
// of one app), and revoking one — its grant, codes and tokens are deleted in the same transaction,
// so its access token is refused on the next call on every instance.
import { and, desc, eq } from "drizzle-orm";
import { oauthConnections, users } from "@/db/schema";
import { AppError } from "@/server/errors";
import { audit } from "@/server/services/audit/audit";
import { actorUserId, type ServiceContext } from "@/server/services/context";
import type { ToolProfile } from "@/server/schemas/tool-profiles";
import { roleRank } from "@/server/services/permissions";
import { revokeGrantRecords } from "./adapter";
import { profileFrom, profileJoin, profileRecords } from "./grant-profile";

export interface ConnectedApp {
  id: string;
  clientName: string;
  clientId: string;
  redirectHost: string;
  scopes: string[];
  /** Which MCP tools it lists (picked on the consent page). */
  toolProfile: ToolProfile;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Who approved it. */
  user: { id: string; email: string };
}

const isAdmin = (ctx: ServiceContext) => roleRank[ctx.role ?? "viewer"] >= roleRank.admin;

/** The organization's connected apps: all of them for admins, one's own for everyone else. */
export async function listConnectedApps(ctx: ServiceContext): Promise<ConnectedApp[]> {
  const me = actorUserId(ctx.actor);
  const where = isAdmin(ctx) || !me ? eq(oauthConnections.organizationId, ctx.orgId) : and(eq(oauthConnections.organizationId, ctx.orgId), eq(oauthConnections.userId, me));
  const rows = await ctx.db
    .select({ c: oauthConnections, email: users.email, profile: profileRecords.payload })
    .from(oauthConnections)
    .innerJoin(users, eq(users.id, oauthConnections.userId))
    .leftJoin(profileRecords, profileJoin(oauthConnections.grantId))
    .where(where)
    .orderBy(desc(oauthConnections.createdAt));
  return rows.map(({ c, email, profile }) => ({
    id: c.grantId,
    clientName: c.clientName,
    clientId: c.clientId,
    redirectHost: c.redirectHost,
    scopes: c.scopes,
    toolProfile: profileFrom(profile),
    createdAt: c.createdAt,
    lastUsedAt: c.lastUsedAt,
    user: { id: c.userId, email },
  }));
}

export async function revokeConnectedApp(ctx: ServiceContext, input: { id: string }): Promise<void> {
  const [conn] = await ctx.db
    .select()
    .from(oauthConnections)
    .where(and(eq(oauthConnections.grantId, input.id), eq(oauthConnections.organizationId, ctx.orgId)))
    .limit(1);
  if (!conn || (!isAdmin(ctx) && conn.userId !== actorUserId(ctx.actor))) throw new AppError("NOT_FOUND", "Connected app not found");
  await ctx.db.transaction(async (tx) => {
    await revokeGrantRecords(tx, conn.grantId);
    await audit({ ...ctx, db: tx }, "oauth_app.revoked", { type: "oauth_app", id: conn.grantId }, { client: conn.clientName, clientId: conn.clientId });
  });
}
