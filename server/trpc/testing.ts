import "server-only";
// Test factories: people, organizations, keys, and a tRPC caller acting as any of them.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, type Role, users } from "@/db/schema";
import { logger } from "@/server/logger";
import { appRouter } from "@/server/routers/_app";
import { insertApiKey, verifyApiKey } from "@/server/services/keys/api-keys";
import { createOrganization } from "@/server/services/orgs/organizations";
import type { Scope } from "@/server/services/permissions";
import type { Context } from "./context";
import { createCallerFactory } from "./init";

const createCaller = createCallerFactory(appRouter);
let n = 0;

export async function makeUser(db: Db, name = "user") {
  n++;
  const [u] = await db
    .insert(users)
    .values({ name: `${name} ${n}`, email: `${name}-${n}-${Date.now()}@example.test` })
    .returning();
  return u!;
}

/** A fresh organization with an owner; returns both. */
export async function makeOrg(db: Db, name = "Org") {
  const owner = await makeUser(db, "owner");
  const org = await createOrganization(db, { name: `${name} ${++n}`, ownerUserId: owner.id });
  return { org, owner };
}

export async function addMember(db: Db, orgId: string, role: Role) {
  const user = await makeUser(db, role);
  await db.insert(memberships).values({ organizationId: orgId, userId: user.id, role });
  return user;
}

/** A caller acting as a signed-in user, in `orgId` (their active organization). */
export async function userCaller(db: Db, user: { id: string; email: string }, orgId: string | null) {
  const { membershipRole } = await import("@/server/services/orgs/organizations");
  const role = orgId ? await membershipRole(db, orgId, user.id) : null;
  const ctx: Context = {
    db,
    log: logger,
    requestId: "test",
    ip: "127.0.0.1",
    actor: { type: "user", userId: user.id, label: user.email },
    org: orgId && role ? { id: orgId, role } : null,
    keyScopes: null,
    resHeaders: new Headers(),
  };
  return createCaller(ctx);
}

async function orgOwnerId(db: Db, orgId: string): Promise<string> {
  const [m] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, orgId), eq(memberships.role, "owner")))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!m) throw new Error(`organization ${orgId} has no owner`);
  return m.userId;
}

/** The context of a request authenticated by a real API key with the given scopes. */
export async function keyContext(db: Db, orgId: string, scopes: readonly Scope[], createdBy: string | null = null): Promise<Context> {
  // A key acts with its creator's role; by default the organization's (first) owner made it.
  const creator = createdBy ?? (await orgOwnerId(db, orgId));
  const { secret } = await insertApiKey(db, { orgId, name: "test key", scopes, createdBy: creator });
  return keyContextFromSecret(db, secret);
}

export async function keyContextFromSecret(db: Db, secret: string): Promise<Context> {
  const key = await verifyApiKey(db, secret);
  if (!key) throw new Error("key did not verify");
  return {
    db,
    log: logger,
    requestId: "test",
    ip: null,
    actor: { type: "apiKey", keyId: key.keyId, userId: key.userId, label: key.name },
    org: { id: key.orgId, role: key.role, plan: key.plan },
    keyScopes: key.scopes,
    resHeaders: null,
  };
}

/** A caller authenticated by a real API key with the given scopes. */
export async function keyCaller(db: Db, orgId: string, scopes: readonly Scope[], createdBy: string | null = null) {
  return createCaller(await keyContext(db, orgId, scopes, createdBy));
}

export async function keyCallerFromSecret(db: Db, secret: string) {
  return createCaller(await keyContextFromSecret(db, secret));
}

export const anonymousCaller = (db: Db) =>
  createCaller({ db, log: logger, requestId: "test", ip: null, actor: null, org: null, keyScopes: null, resHeaders: null });
