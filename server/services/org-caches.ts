import "server-only";
// Every cache of an organization's reads, in one place: what a write forgets at once on this
// instance (before its answer goes out), and what the manual clear drops on every instance.
import type { DbOrTx } from "@/db/client";
import { publishInvalidation, ALL_SCOPES } from "@/server/adapters/cache/layered-cache";
import { audit } from "./audit/audit";
import type { ServiceContext } from "./context";
import { invalidateOrgKeys } from "./keys/key-cache";
import { membershipCache } from "./orgs/membership-cache";
import { taskListCache } from "./tasks/list-cache";

/** This instance forgets the organization's cached reads now (other instances hear the commit). */
export async function forgetOrgReads(orgId: string): Promise<void> {
  await taskListCache().invalidate(orgId);
}

/** This instance forgets a person's cached memberships now (after their own join, leave, create). */
export async function forgetUserReads(userId: string): Promise<void> {
  await membershipCache().invalidate(userId);
}

/**
 * The manual clear: every instance drops this organization's cached reads (task lists and any
 * other space scoped by organization) and its verified keys, here at once, elsewhere on commit.
 */
export async function clearOrgCaches(ctx: ServiceContext, db: DbOrTx = ctx.db): Promise<{ cleared: true }> {
  await forgetOrgReads(ctx.orgId);
  await publishInvalidation(db, { space: ALL_SCOPES, scope: ctx.orgId });
  await invalidateOrgKeys(db, ctx.orgId);
  await audit(ctx, "cache.cleared", { type: "organization", id: ctx.orgId }, {});
  return { cleared: true };
}
