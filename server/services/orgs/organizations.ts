import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, organizations, type Organization, type Role } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { audit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { openWallet } from "../credits/ledger";
import { slugify, withSuffix } from "./slug";
import { ensureBuiltinAgent } from "../tasks/agents";

/** Creates an organization with `ownerUserId` as its owner. Retries the slug on collision. */
export async function createOrganization(
  db: DbOrTx,
  input: { name: string; ownerUserId: string; slug?: string },
): Promise<Organization> {
  return db.transaction(async (tx) => {
    let slug = input.slug ?? slugify(input.name);
    for (let i = 0; i < 5; i++) {
      const [taken] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
      if (!taken) break;
      slug = withSuffix(slugify(input.name));
    }
    const [org] = await tx.insert(organizations).values({ name: input.name, slug }).returning();
    if (!org) throw new AppError("INTERNAL_SERVER_ERROR", "organization was not created");
    await tx.insert(memberships).values({ organizationId: org.id, userId: input.ownerUserId, role: "owner" });
    await openWallet(tx, org.id);
    // Every organization has the built-in file generation agent from its first moment, so reading
    // the agent list never writes.
    await ensureBuiltinAgent(tx, org.id);
    return org;
  });
}

export interface MyOrganization {
  id: string;
  name: string;
  slug: string;
  plan: string;
  role: Role;
}

export async function listMyOrganizations(db: DbOrTx, userId: string): Promise<MyOrganization[]> {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      plan: organizations.plan,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}

/** The user's role in an organization, or null when they are not a member. */
export async function membershipRole(db: DbOrTx, orgId: string, userId: string): Promise<Role | null> {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, userId)));
  return m?.role ?? null;
}

export async function getOrganization(ctx: ServiceContext): Promise<Organization> {
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, ctx.orgId));
  if (!org) throw notFound("Organization");
  return org;
}

export async function renameOrganization(ctx: ServiceContext, input: { name: string }): Promise<Organization> {
  const before = await getOrganization(ctx);
  const [org] = await ctx.db
    .update(organizations)
    .set({ name: input.name })
    .where(eq(organizations.id, ctx.orgId))
    .returning();
  if (!org) throw notFound("Organization");
  await audit(ctx, "org.renamed", { type: "organization", id: org.id }, { from: before.name, to: org.name });
  return org;
}
