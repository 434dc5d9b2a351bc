import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { memberships, type Role, users } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { audit } from "../audit/audit";
import { actorUserId, type ServiceContext } from "../context";
import { invalidateOrgKeys } from "../keys/key-cache";
import { roleRank } from "../permissions";

export async function listMembers(ctx: ServiceContext) {
  return ctx.db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, ctx.orgId))
    .orderBy(asc(memberships.createdAt));
}

async function memberRow(ctx: ServiceContext, userId: string) {
  const [m] = await ctx.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.organizationId, ctx.orgId), eq(memberships.userId, userId)))
    .for("update");
  if (!m) throw notFound("Member");
  return m;
}

/**
 * The organization's owners, locked: two owners demoting or removing each other at once queue
 * here, and the second sees the first's change (PostgreSQL re-checks a locked row), so the
 * organization never ends without an owner. Taken before the target's row, in every writer.
 */
async function lockedOwnerCount(ctx: ServiceContext): Promise<number> {
  const rows = await ctx.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organizationId, ctx.orgId), eq(memberships.role, "owner")))
    .orderBy(asc(memberships.id))
    .for("update");
  return rows.length;
}

/** Only an owner may grant, change or remove the owner role. */
function assertMayManage(ctx: ServiceContext, targetRole: Role, newRole?: Role) {
  const mine = ctx.role ?? "viewer";
  const touchesOwner = targetRole === "owner" || newRole === "owner";
  if (touchesOwner && mine !== "owner") throw new AppError("FORBIDDEN", "Only an owner can grant, change or remove the owner role");
  if (roleRank[mine] < roleRank.admin) throw new AppError("FORBIDDEN", "Only owners and admins can manage members");
}

export async function changeRole(ctx: ServiceContext, input: { userId: string; role: Role }) {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const owners = await lockedOwnerCount(c);
    const target = await memberRow(c, input.userId);
    assertMayManage(c, target.role, input.role);
    if (target.role === input.role) return { userId: input.userId, role: input.role };
    if (target.role === "owner" && owners <= 1) {
      throw new AppError("PRECONDITION_FAILED", "The last owner cannot be demoted: make someone else an owner first");
    }
    await tx.update(memberships).set({ role: input.role }).where(eq(memberships.id, target.id));
    await invalidateOrgKeys(tx, ctx.orgId); // the member's keys act with the new role at once
    await audit(c, "member.role_changed", { type: "user", id: input.userId }, { from: target.role, to: input.role });
    return { userId: input.userId, role: input.role };
  });
}

/** Removes a member; a member may also remove themself (leave). The last owner cannot go. */
export async function removeMember(ctx: ServiceContext, input: { userId: string }) {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const owners = await lockedOwnerCount(c);
    const target = await memberRow(c, input.userId);
    const self = actorUserId(ctx.actor) === input.userId;
    if (!self) assertMayManage(c, target.role);
    if (target.role === "owner" && owners <= 1) {
      throw new AppError("PRECONDITION_FAILED", "The last owner cannot leave or be removed: make someone else an owner first");
    }
    await tx.delete(memberships).where(eq(memberships.id, target.id));
    await invalidateOrgKeys(tx, ctx.orgId); // the member's keys stop at once
    await audit(c, self ? "member.left" : "member.removed", { type: "user", id: input.userId }, { role: target.role });
    return { userId: input.userId };
  });
}
