import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type User, users } from "@/db/schema";
import { dummyHash, hashPassword, verifyPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import { audit } from "../audit/audit";
import { createOrganization } from "../orgs/organizations";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | null> {
  const [u] = await db.select().from(users).where(eq(sql`lower(${users.email})`, normalizeEmail(email)));
  return u ?? null;
}

/** Creates a user with a password and their own organization (named `orgName` or after them). */
export async function signUp(
  db: DbOrTx,
  input: { name: string; email: string; password: string; orgName?: string },
): Promise<{ user: User; orgId: string }> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, email)) {
      throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.", {
        fields: [{ path: "email", message: "already registered" }],
      });
    }
    const [user] = await tx.insert(users).values({ name: input.name, email, passwordHash }).returning();
    if (!user) throw new AppError("INTERNAL_SERVER_ERROR", "user was not created");
    const org = await createOrganization(tx, { name: input.orgName?.trim() || `${input.name}'s organization`, ownerUserId: user.id });
    await audit(
      { db: tx, orgId: org.id, actor: { type: "user", userId: user.id, label: email } },
      "org.created",
      { type: "organization", id: org.id },
      { name: org.name },
    );
    return { user, orgId: org.id };
  });
}

/** Checks email + password. Returns null for any failure, taking the same time whether or not the user exists. */
export async function authenticate(db: DbOrTx, email: string, password: string): Promise<User | null> {
  const user = await findUserByEmail(db, email);
  if (!user?.passwordHash) {
    await verifyPassword(password, await dummyHash());
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}
