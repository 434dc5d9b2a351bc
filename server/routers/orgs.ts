import "server-only";
import { z } from "zod";
import { appUrl, env } from "@/server/env";
import * as schemas from "@/server/schemas/orgs";
import { listAudit } from "@/server/services/audit/audit";
import { acceptInvitation, describeInvitation, inviteMember, listInvitations, revokeInvitation } from "@/server/services/orgs/invitations";
import { changeRole, listMembers, removeMember } from "@/server/services/orgs/members";
import { createOrganization, getOrganization, listMyOrganizations, renameOrganization } from "@/server/services/orgs/organizations";
import { audit } from "@/server/services/audit/audit";
import { clearOrgCaches } from "@/server/services/org-caches";
import { ORG_COOKIE } from "../trpc/constants";
import { orgProcedure, publicProcedure, router, userProcedure } from "../trpc/init";
import { idInput } from "../schemas/common";
import { AppError } from "../errors";

const cookie = (orgId: string) => `${ORG_COOKIE}=${orgId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`;

export const orgsRouter = router({
  /** The signed-in person's organizations and which one is active. */
  mine: userProcedure.query(async ({ ctx }) => ({
    organizations: await listMyOrganizations(ctx.db, ctx.actor.userId),
    activeId: ctx.org?.id ?? null,
  })),

  current: orgProcedure
    .meta({ scope: "org:read", kind: "read", tool: "orgs_current", description: "The organization this key or session acts in: id, name, slug and plan, and the caller's role.", rest: { method: "GET", path: "/org" } })
    .input(z.object({}).optional())
    .output(schemas.myOrganizationOutput)
    .query(async ({ ctx }) => ({ ...(await getOrganization(ctx.svc)), role: ctx.org.role })),

  create: userProcedure.input(schemas.createOrgInput).mutation(async ({ ctx, input }) => {
    const org = await createOrganization(ctx.db, { name: input.name, ownerUserId: ctx.actor.userId });
    await audit({ db: ctx.db, orgId: org.id, actor: ctx.actor, ip: ctx.ip }, "org.created", { type: "organization", id: org.id }, { name: org.name });
    ctx.resHeaders?.append("set-cookie", cookie(org.id));
    return org;
  }),

  switch: userProcedure.input(schemas.switchOrgInput).mutation(async ({ ctx, input }) => {
    const orgs = await listMyOrganizations(ctx.db, ctx.actor.userId);
    const org = orgs.find((o) => o.id === input.orgId);
    if (!org) throw new AppError("NOT_FOUND", "Organization not found");
    ctx.resHeaders?.append("set-cookie", cookie(org.id));
    return org;
  }),

  rename: orgProcedure
    .meta({ scope: "org:write", kind: "write" })
    .input(schemas.renameOrgInput)
    .mutation(({ ctx, input }) => renameOrganization(ctx.svc, input)),

  /** The manual cache clear: every instance re-reads this organization's lists and keys (admins and owners). */
  clearCache: orgProcedure
    .meta({ scope: "org:write", kind: "write", idempotent: true })
    .input(z.object({}).optional())
    .mutation(({ ctx }) => clearOrgCaches(ctx.svc)),

  members: orgProcedure.meta({ scope: "members:read", kind: "read", rest: { method: "GET", path: "/members" }, description: "List the organization's members with their roles." }).query(({ ctx }) => listMembers(ctx.svc)),

  changeRole: orgProcedure
    .meta({ scope: "members:write", kind: "write" })
    .input(schemas.changeRoleInput)
    .mutation(({ ctx, input }) => changeRole(ctx.svc, input)),

  removeMember: orgProcedure
    .meta({ scope: "members:write", kind: "destructive" })
    .input(schemas.removeMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.svc, input)),

  /** Leave the active organization (any role may; the last owner may not). */
  leave: orgProcedure.meta({ scope: "org:read", kind: "destructive" }).mutation(({ ctx }) => {
    if (ctx.actor.type !== "user") throw new AppError("FORBIDDEN", "An API key cannot leave an organization");
    return removeMember(ctx.svc, { userId: ctx.actor.userId });
  }),

  invitations: orgProcedure.meta({ scope: "members:read", kind: "read" }).query(({ ctx }) => listInvitations(ctx.svc)),

  invite: orgProcedure
    .meta({ scope: "members:write", kind: "write" })
    .input(schemas.inviteInput)
    .mutation(async ({ ctx, input }) => {
      const inv = await inviteMember(ctx.svc, input, { appUrl: appUrl(env) });
      // No mail server is assumed: the link goes to the inviter and the log.
      ctx.log.info({ invitationId: inv.id, email: inv.email, link: inv.link }, "invitation created");
      return inv;
    }),

  revokeInvitation: orgProcedure
    .meta({ scope: "members:write", kind: "destructive" })
    .input(idInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.svc, input)),

  describeInvitation: publicProcedure.input(schemas.tokenInput).query(({ ctx, input }) => describeInvitation(ctx.db, input.token)),

  acceptInvitation: userProcedure.input(schemas.tokenInput).mutation(async ({ ctx, input }) => {
    const res = await acceptInvitation(ctx.db, { token: input.token, userId: ctx.actor.userId, email: ctx.actor.label });
    ctx.resHeaders?.append("set-cookie", cookie(res.organizationId));
    return res;
  }),

  audit: orgProcedure
    .meta({ scope: "audit:read", kind: "read", rest: { method: "GET", path: "/audit" }, description: "Read the audit log, newest first, a page at a time (cursor)." })
    .input(schemas.auditListInput)
    .query(({ ctx, input }) => listAudit(ctx.svc, input)),
});
