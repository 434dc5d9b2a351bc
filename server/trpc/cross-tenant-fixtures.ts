// For the procedure table test: how to make a resource in a victim organization and the input
// that names it. Each domain adds an entry for every procedure whose input names a resource.
import type { Db } from "@/db/client";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { addMember } from "./testing";

export type CrossTenantFixture = (db: Db, victim: { orgId: string; ownerId: string }) => Promise<Record<string, unknown>>;

export const crossTenantFixtures: Record<string, CrossTenantFixture> = {
  "apiKeys.revoke": async (db, v) => ({ id: (await insertApiKey(db, { orgId: v.orgId, name: "victim", scopes: ["org:read"] })).key.id }),
  "orgs.changeRole": async (db, v) => ({ userId: (await addMember(db, v.orgId, "member")).id, role: "viewer" }),
  "orgs.removeMember": async (db, v) => ({ userId: (await addMember(db, v.orgId, "member")).id }),
  "orgs.revokeInvitation": async (db, v) => {
    const { invitations } = await import("@/db/schema");
    const [inv] = await db
      .insert(invitations)
      .values({ organizationId: v.orgId, email: "victim@example.test", role: "member", tokenHash: `h-${Math.random()}`, expiresAt: new Date(Date.now() + 86_400_000) })
      .returning();
    return { id: inv!.id };
  },
};
