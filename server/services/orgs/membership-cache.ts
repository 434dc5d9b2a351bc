import "server-only";
// A signed-in person's organizations and roles, cached per user: every dashboard request resolves
// them. Triggers (migration 0014) notify the cache when a membership of the user changes (joined,
// role changed, removed) and when any organization changes (its name or plan is in the answer).
import type { DbOrTx } from "@/db/client";
import { LayeredCache } from "@/server/adapters/cache/layered-cache";
import { listMyOrganizations, type MyOrganization } from "./organizations";

export const MEMBERSHIP_SPACE = "memberships";

const g = globalThis as unknown as { __cmpMembershipCache?: LayeredCache<MyOrganization[]> };

/** This process's membership cache (the server starts it listening at start-up). */
export function membershipCache(): LayeredCache<MyOrganization[]> {
  g.__cmpMembershipCache ??= new LayeredCache<MyOrganization[]>({ space: MEMBERSHIP_SPACE, ttlMs: 30_000, maxEntries: 10_000 });
  return g.__cmpMembershipCache;
}

/** The user's organizations with their roles, from the cache when it holds them. Not for use inside a transaction that changes them. */
export function myOrganizationsCached(db: DbOrTx, userId: string, cache = membershipCache()): Promise<MyOrganization[]> {
  return cache.read(userId, "mine", () => listMyOrganizations(db, userId));
}
