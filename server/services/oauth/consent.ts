import "server-only";
// The consent step of an authorization request: what the page shows (the client's name, where it
// sends the person back, the scopes asked for) and the person's answer — approve for one of their
// organizations with the scopes they keep (capped by their role there), or deny. The answer is
// written to the provider's interaction, as oidc-provider's interactionFinished does, and the
// browser goes on to the provider's resume URL.
import type { Db } from "@/db/client";
import { eq } from "drizzle-orm";
import { oauthConnections, users } from "@/db/schema";
import { audit } from "@/server/services/audit/audit";
import { AppError } from "@/server/errors";
import { listMyOrganizations } from "@/server/services/orgs/organizations";
import { isScope, roleCan, type Scope, scopes as allScopes } from "@/server/services/permissions";
import type { ToolProfile } from "@/server/schemas/tool-profiles";
import { isToolProfile, saveGrantToolProfile, suggestedProfile } from "./grant-profile";
import { REFRESH_TOKEN_TTL_S } from "./provider";
import type { OAuthServer } from "./server";

export interface ConsentRequest {
  uid: string;
  clientId: string;
  clientName: string;
  /** Where the code goes: the host of the redirect URI (or the whole URI for custom schemes). */
  redirectHost: string;
  /** The scopes the client asked for (all scopes when it asked for none). */
  scopes: Scope[];
  /** The MCP tools the page suggests listing: what the client asked for (tool_profile), else by its scopes, else agent. */
  toolProfile: ToolProfile;
}

const epoch = () => Math.floor(Date.now() / 1000);

function hostOf(uri: string): string {
  try {
    const u = new URL(uri);
    return u.host || `${u.protocol}${u.pathname}`;
  } catch {
    return uri;
  }
}

async function load(oauth: OAuthServer, uid: string) {
  const interaction = await oauth.provider.Interaction.find(uid);
  if (!interaction || interaction.exp <= epoch()) throw new AppError("NOT_FOUND", "This sign-in request has expired. Start again from the app.");
  const clientId = String(interaction.params.client_id);
  const client = await oauth.provider.Client.find(clientId);
  if (!client) throw new AppError("NOT_FOUND", "The app asking for access is not registered.");
  return { interaction, client, clientId };
}

export async function describeConsent(oauth: OAuthServer, uid: string): Promise<ConsentRequest> {
  const { interaction, client, clientId } = await load(oauth, uid);
  const asked = String(interaction.params.scope ?? "").split(" ").filter(isScope);
  return {
    uid,
    clientId,
    clientName: client.clientName ?? clientId,
    redirectHost: hostOf(String(interaction.params.redirect_uri)),
    scopes: asked.length ? asked : [...allScopes],
    toolProfile: suggestedProfile(interaction.params.tool_profile, asked),
  };
}

/** `toolProfile` omitted: the one the page suggested. */
export type ConsentDecision = { approve: false } | { approve: true; orgId: string; scopes: string[]; toolProfile?: string };

/** Records the person's answer; returns where the browser goes next (the provider's resume URL). */
export async function decideConsent(db: Db, oauth: OAuthServer, input: { uid: string; userId: string; decision: ConsentDecision }): Promise<string> {
  const { interaction, client, clientId } = await load(oauth, input.uid);
  const ttl = interaction.exp - epoch();
  if (!input.decision.approve) {
    interaction.result = { error: "access_denied", error_description: "The person declined to connect this app" };
    await interaction.save(ttl);
    return interaction.returnTo;
  }
  const { orgId } = input.decision;
  const org = (await listMyOrganizations(db, input.userId)).find((o) => o.id === orgId);
  if (!org) throw new AppError("FORBIDDEN", "You are not a member of that organization");
  const described = await describeConsent(oauth, input.uid);
  const offered = described.scopes;
  const toolProfile = input.decision.toolProfile ?? described.toolProfile;
  if (!isToolProfile(toolProfile)) throw new AppError("BAD_REQUEST", `Unknown tool profile "${String(toolProfile).slice(0, 40)}": choose agent, operator, author or all`);
  const chosen = [...new Set(input.decision.scopes)].filter((s): s is Scope => isScope(s) && offered.includes(s));
  const beyond = chosen.filter((s) => !roleCan(org.role, s));
  if (beyond.length) throw new AppError("FORBIDDEN", `Your role (${org.role}) cannot grant: ${beyond.join(", ")}`);
  if (!chosen.length) throw new AppError("BAD_REQUEST", "Choose at least one permission, or deny");

  const grant = new oauth.provider.Grant({ accountId: input.userId, clientId });
  const oidcAsked = String(interaction.params.scope ?? "").split(" ").filter((s) => s === "openid" || s === "offline_access");
  if (oidcAsked.length) grant.addOIDCScope(oidcAsked.join(" "));
  grant.addResourceScope(oauth.resource, chosen.join(" "));
  // Asked for but not kept: recorded as declined, so the token carries only what was kept.
  const declined = String(interaction.params.scope ?? "").split(" ").filter((s) => isScope(s) && !chosen.includes(s));
  if (declined.length) grant.rejectResourceScope(oauth.resource, declined.join(" "));
  const grantId = await grant.save();
  await saveGrantToolProfile(db, grantId, toolProfile, new Date(Date.now() + REFRESH_TOKEN_TTL_S * 1000));
  await db.insert(oauthConnections).values({
    grantId,
    userId: input.userId,
    organizationId: orgId,
    clientId,
    clientName: client.clientName ?? clientId,
    redirectHost: hostOf(String(interaction.params.redirect_uri)),
    scopes: chosen,
  });
  const [me] = await db.select({ email: users.email }).from(users).where(eq(users.id, input.userId)).limit(1);
  const actor = { type: "user" as const, userId: input.userId, label: me?.email ?? input.userId };
  await audit({ db, orgId, actor }, "oauth_app.connected", { type: "oauth_app", id: grantId }, { client: client.clientName ?? clientId, clientId, scopes: chosen, toolProfile });
  interaction.result = { login: { accountId: input.userId }, consent: { grantId } };
  await interaction.save(ttl);
  return interaction.returnTo;
}
