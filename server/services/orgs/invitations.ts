import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invitations, memberships, organizations, type Role, users } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { audit } from "../audit/audit";
import { actorUserId, type ServiceContext } from "../context";
import { randomToken, sha256Hex } from "../crypto";
import { roleRank } from "../permissions";
import { assertMemberQuota } from "../quotas";

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export async function inviteMember(
  ctx: ServiceContext,
  input: { email: string; role: Role },
  opts: { appUrl: string },
) {
  const email = input.email.trim().toLowerCase();
  if (input.role === "owner" && ctx.role !== "owner") throw new AppError("FORBIDDEN", "Only an owner can invite an owner");
  if (roleRank[ctx.role ?? "viewer"] < roleRank.admin) throw new AppError("FORBIDDEN", "Only owners and admins can invite");
  const [already] = await ctx.db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, ctx.orgId), eq(users.email, email)));
  if (already) throw new AppError("CONFLICT", `${email} is already a member`, { fields: [{ path: "email", message: "already a member" }] });
  await assertMemberQuota(ctx);
  const token = randomToken(32);
  const [inv] = await ctx.db
    .insert(invitations)
    .values({
      organizationId: ctx.orgId,
      email,
      role: input.role,
      tokenHash: sha256Hex(token),
      invitedBy: actorUserId(ctx.actor),
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    })
    .returning();
  if (!inv) throw new AppError("INTERNAL_SERVER_ERROR", "invitation was not created");
  await audit(ctx, "member.invited", { type: "invitation", id: inv.id }, { email, role: input.role });
  return { id: inv.id, email, role: inv.role, expiresAt: inv.expiresAt, link: `${opts.appUrl}/invite/${token}` };
}

export async function listInvitations(ctx: ServiceContext) {
  return ctx.db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, ctx.orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(ctx: ServiceContext, input: { id: string }) {
  const [inv] = await ctx.db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, input.id), eq(invitations.organizationId, ctx.orgId), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  if (!inv) throw notFound("Invitation");
  await audit(ctx, "member.invitation_revoked", { type: "invitation", id: inv.id });
  return { id: inv.id };
}

async function openInvitation(db: DbOrTx, token: string) {
  const [row] = await db
    .select({ inv: invitations, orgName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.tokenHash, sha256Hex(token)));
  if (!row || row.inv.revokedAt || row.inv.acceptedAt || row.inv.expiresAt < new Date()) {
    throw new AppError("NOT_FOUND", "This invitation is invalid, was already used or has expired");
  }
  return row;
}

/** What the invitation page shows before accepting. */
export async function describeInvitation(db: DbOrTx, token: string) {
  const { inv, orgName } = await openInvitation(db, token);
  return { organizationName: orgName, email: inv.email, role: inv.role, expiresAt: inv.expiresAt };
}

export async function acceptInvitation(db: DbOrTx, input: { token: string; userId: string; email: string }) {
  return db.transaction(async (tx) => {
    const { inv } = await openInvitation(tx, input.token);
    if (inv.email !== input.email.toLowerCase()) {
      throw new AppError("FORBIDDEN", `This invitation is for ${inv.email}; sign in with that address to accept it`);
    }
    await assertMemberQuota({ db: tx, orgId: inv.organizationId });
    await tx
      .insert(memberships)
      .values({ organizationId: inv.organizationId, userId: input.userId, role: inv.role })
      .onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, inv.id));
    await audit(
      { db: tx, orgId: inv.organizationId, actor: { type: "user", userId: input.userId, label: input.email } },
      "member.joined",
      { type: "user", id: input.userId },
      { role: inv.role, invitationId: inv.id },
    );
    return { organizationId: inv.organizationId, role: inv.role };
  });
}
