import "server-only";
import { timingSafeEqual } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiKeys, memberships, organizations, type Role } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { audit } from "../audit/audit";
import { actorUserId, type ServiceContext } from "../context";
import { randomToken, sha256Hex } from "../crypto";
import { invalidateOrgKeys, type KeyCache, processKeyCache } from "./key-cache";
import { roleCan, type Scope, scopes as allScopes } from "../permissions";
import { type ToolProfile, toolProfiles } from "@/server/schemas/tool-profiles";

/** A stored profile name this build does not know lists every tool, as keys made before profiles did. */
function profileOf(stored: string): ToolProfile {
  return (toolProfiles as readonly string[]).includes(stored) ? (stored as ToolProfile) : "all";
}

export const KEY_PREFIX_LENGTH = 12; // "cmp_" + 8 characters

/** A new secret: `cmp_` + 40 URL-safe characters (240 random bits). */
export function generateKeySecret(): string {
  return `cmp_${randomToken(30)}`;
}

export function publicKeyFields(k: typeof apiKeys.$inferSelect) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes as Scope[],
    toolProfile: profileOf(k.toolProfile),
    createdAt: k.createdAt,
    expiresAt: k.expiresAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  };
}
export type PublicApiKey = ReturnType<typeof publicKeyFields>;

/** Inserts a key whose secret is given (the seed's SEED_API_KEY) or generated. */
export async function insertApiKey(
  db: DbOrTx,
  input: { orgId: string; name: string; scopes: readonly Scope[]; toolProfile?: ToolProfile; expiresAt?: Date | null; createdBy?: string | null; secret?: string },
) {
  const secret = input.secret ?? generateKeySecret();
  const [key] = await db
    .insert(apiKeys)
    .values({
      organizationId: input.orgId,
      name: input.name,
      prefix: secret.slice(0, KEY_PREFIX_LENGTH),
      hash: sha256Hex(secret),
      scopes: [...input.scopes],
      toolProfile: input.toolProfile ?? "all",
      createdBy: input.createdBy ?? null,
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  if (!key) throw new AppError("INTERNAL_SERVER_ERROR", "API key was not created");
  return { key, secret };
}

export async function createApiKey(
  ctx: ServiceContext,
  input: { name: string; scopes: Scope[]; toolProfile?: ToolProfile; expiresAt?: Date | null },
): Promise<{ key: PublicApiKey; secret: string }> {
  const role = ctx.role ?? "viewer";
  const beyond = input.scopes.filter((s) => !roleCan(role, s));
  if (beyond.length) {
    throw new AppError("FORBIDDEN", `Your role (${role}) cannot grant: ${beyond.join(", ")}`, {
      fields: [{ path: "scopes", message: `not allowed for ${role}: ${beyond.join(", ")}` }],
    });
  }
  // A key can hand on at most what it holds itself: a `keys:write` key cannot mint an all-scopes key.
  if (ctx.keyScopes) {
    const notHeld = input.scopes.filter((s) => !ctx.keyScopes!.includes(s));
    if (notHeld.length) {
      throw new AppError("FORBIDDEN", `This API key cannot grant scopes it does not hold: ${notHeld.join(", ")}`, {
        fields: [{ path: "scopes", message: `not held by this key: ${notHeld.join(", ")}` }],
      });
    }
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new AppError("BAD_REQUEST", "expiresAt: must be in the future", { fields: [{ path: "expiresAt", message: "must be in the future" }] });
  }
  const { key, secret } = await insertApiKey(ctx.db, {
    orgId: ctx.orgId,
    name: input.name,
    scopes: [...new Set(input.scopes)],
    toolProfile: input.toolProfile,
    expiresAt: input.expiresAt,
    createdBy: actorUserId(ctx.actor),
  });
  await audit(ctx, "api_key.created", { type: "api_key", id: key.id }, { name: key.name, scopes: key.scopes, toolProfile: key.toolProfile, prefix: key.prefix });
  return { key: publicKeyFields(key), secret };
}

/**
 * The scopes this caller may put on a new key: those of its role and, for a key, those it holds
 * itself (the same two rules createApiKey enforces).
 */
export function grantableScopes(ctx: Pick<ServiceContext, "role" | "keyScopes">): Scope[] {
  const role = ctx.role ?? "viewer";
  return allScopes.filter((s) => roleCan(role, s) && (!ctx.keyScopes || ctx.keyScopes.includes(s)));
}

export async function listApiKeys(ctx: ServiceContext): Promise<PublicApiKey[]> {
  const rows = await ctx.db.select().from(apiKeys).where(eq(apiKeys.organizationId, ctx.orgId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(publicKeyFields);
}

export async function revokeApiKey(ctx: ServiceContext, input: { id: string }): Promise<PublicApiKey> {
  const [key] = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, input.id), eq(apiKeys.organizationId, ctx.orgId)))
    .returning();
  if (!key) throw notFound("API key");
  await invalidateOrgKeys(ctx.db, ctx.orgId);
  await audit(ctx, "api_key.revoked", { type: "api_key", id: key.id }, { name: key.name, prefix: key.prefix });
  return publicKeyFields(key);
}

export interface VerifiedKey {
  keyId: string;
  name: string;
  orgId: string;
  /** The organization's plan (its rate limits apply to the key). */
  plan: string;
  userId: string | null;
  /** The key's scopes, capped by its creator's current role. */
  scopes: Scope[];
  /** Which MCP tools its clients list. */
  toolProfile: ToolProfile;
  role: Role;
}

const LAST_USED_RESOLUTION_MS = 60_000;

interface KeyEntry {
  key: VerifiedKey;
  expiresAt: number | null;
}

/**
 * Resolves a bearer secret to the key it names, or null when unknown, revoked or expired. Served
 * from the instance's key cache when it is listening for invalidations (see key-cache.ts).
 */
export async function verifyApiKey(db: DbOrTx, secret: string, cache: KeyCache<KeyEntry> = processKeyCache<KeyEntry>()): Promise<VerifiedKey | null> {
  if (!/^cmp_[A-Za-z0-9_-]{32,200}$/.test(secret)) return null;
  const digest = sha256Hex(secret);
  const hit = cache.enabled ? cache.entries.get(digest) : undefined;
  if (hit && (hit.value.expiresAt === null || hit.value.expiresAt > Date.now())) {
    if (!hit.lastUsedAt || Date.now() - hit.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      hit.lastUsedAt = Date.now();
      await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, hit.value.key.keyId));
    }
    return hit.value.key;
  }
  const [row] = await db
    .select({ key: apiKeys, creatorRole: memberships.role, plan: organizations.plan })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .leftJoin(memberships, and(eq(memberships.organizationId, apiKeys.organizationId), eq(memberships.userId, apiKeys.createdBy)))
    .where(eq(apiKeys.prefix, secret.slice(0, KEY_PREFIX_LENGTH)));
  if (!row) return null;
  const { key } = row;
  const a = Buffer.from(digest, "hex");
  const b = Buffer.from(key.hash, "hex");
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  if (key.revokedAt || (key.expiresAt && key.expiresAt <= new Date())) return null;
  // A key acts with its creator's current role: one whose creator has left the organization, or
  // whose creator was deleted (created_by set null), stops working — it never gains a role.
  if (!key.createdBy || !row.creatorRole) return null;
  const role: Role = row.creatorRole;
  const granted = key.scopes.filter((s): s is Scope => (allScopes as readonly string[]).includes(s) && roleCan(role, s as Scope));
  let lastUsedAt = key.lastUsedAt?.getTime() ?? null;
  if (!lastUsedAt || Date.now() - lastUsedAt > LAST_USED_RESOLUTION_MS) {
    lastUsedAt = Date.now();
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, key.id));
  }
  const verified = { keyId: key.id, name: key.name, orgId: key.organizationId, plan: row.plan, userId: key.createdBy, scopes: granted, toolProfile: profileOf(key.toolProfile), role };
  if (cache.enabled) cache.entries.set(digest, { orgId: key.organizationId, value: { key: verified, expiresAt: key.expiresAt?.getTime() ?? null }, lastUsedAt });
  return verified;
}
