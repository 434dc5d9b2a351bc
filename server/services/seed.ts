import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, users } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { audit } from "./audit/audit";
import { insertApiKey } from "./keys/api-keys";
import { createOrganization } from "./orgs/organizations";
import { scopes } from "./permissions";

export const demoLogin = { email: "demo@example.com", password: "demo-password" } as const;

export interface SeedHook {
  (db: Db, seeded: { orgId: string; userId: string }): Promise<void>;
}

/**
 * Seeds the Demo organization once, on an empty database. Concurrent starts are serialized
 * by an advisory lock, so two instances never both seed. Returns whether it seeded.
 */
export async function seedDemo(db: Db, opts: { apiKeySecret?: string; hooks?: SeedHook[] } = {}): Promise<boolean> {
  const seeded = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727274)`);
    const [any] = await tx.select({ id: organizations.id }).from(organizations).limit(1);
    if (any) return null;
    const [user] = await tx
      .insert(users)
      .values({ name: "Demo User", email: demoLogin.email, passwordHash: await hashPassword(demoLogin.password) })
      .returning();
    if (!user) throw new Error("demo user was not created");
    const org = await createOrganization(tx, { name: "Demo", slug: "demo", ownerUserId: user.id });
    const ctx = { db: tx, orgId: org.id, actor: { type: "system" as const, label: "seed" } };
    await audit(ctx, "org.created", { type: "organization", id: org.id }, { name: org.name, seeded: true });
    if (opts.apiKeySecret) {
      const { key } = await insertApiKey(tx, { orgId: org.id, name: "Seed key (SEED_API_KEY)", scopes, secret: opts.apiKeySecret, createdBy: user.id });
      await audit(ctx, "api_key.created", { type: "api_key", id: key.id }, { name: key.name, seeded: true });
    }
    return { orgId: org.id, userId: user.id };
  });
  if (!seeded) return false;
  for (const hook of opts.hooks ?? []) await hook(db, seeded);
  return true;
}
