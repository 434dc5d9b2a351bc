import "server-only";
// The tool profile a person picked for an OAuth connection on the consent page: which MCP tools
// its tools/list shows (the same profiles as API keys, server/schemas/tool-profiles.ts). Kept in
// oauth_records beside the grant — model "ToolProfile", id and grant_id the grant's id — so it
// lives as long as the grant and goes with it when the grant is revoked (revokeGrantRecords
// deletes every record carrying the grant id). A connection without one (approved before
// profiles existed) lists every tool its scopes allow, as it did.
import { and, eq } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { oauthRecords } from "@/db/schema";
import { type ToolProfile, toolProfiles } from "@/server/schemas/tool-profiles";
import type { Scope } from "@/server/services/permissions";

export const TOOL_PROFILE_MODEL = "ToolProfile";

export const isToolProfile = (v: unknown): v is ToolProfile => typeof v === "string" && (toolProfiles as readonly string[]).includes(v);

export async function saveGrantToolProfile(db: DbOrTx, grantId: string, profile: ToolProfile, expiresAt: Date): Promise<void> {
  await db
    .insert(oauthRecords)
    .values({ model: TOOL_PROFILE_MODEL, id: grantId, grantId, payload: { toolProfile: profile }, expiresAt })
    .onConflictDoUpdate({ target: [oauthRecords.model, oauthRecords.id], set: { payload: { toolProfile: profile }, expiresAt } });
}

/** oauth_records joined a second time, as the grant's profile record (left join: it may be missing). */
export const profileRecords = alias(oauthRecords, "tool_profile_records");

export const profileJoin = (grantId: AnyPgColumn) => and(eq(profileRecords.model, TOOL_PROFILE_MODEL), eq(profileRecords.id, grantId));

/** The profile from a joined record's payload; "all" when there is none. */
export function profileFrom(payload: unknown): ToolProfile {
  const p = (payload as { toolProfile?: unknown } | null | undefined)?.toolProfile;
  return isToolProfile(p) ? p : "all";
}

/** Scopes a client asks for only to write templates and generate files read as the author's work. */
const authorDomains = new Set(["templates", "generations", "org", "credits"]);

/**
 * What the consent page suggests: the profile the client asked for (`tool_profile` on the
 * authorization request), else "author" when the scopes it asked for are only templates and
 * generations (with org and credit reads), else "agent" — the smallest list; the person can widen it.
 */
export function suggestedProfile(asked: unknown, explicitScopes: readonly Scope[]): ToolProfile {
  if (isToolProfile(asked)) return asked;
  const domains = explicitScopes.map((s) => s.split(":")[0]!);
  if (domains.length && domains.every((d) => authorDomains.has(d)) && domains.some((d) => d === "templates" || d === "generations")) return "author";
  return "agent";
}
