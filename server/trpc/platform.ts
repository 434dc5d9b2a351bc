import "server-only";
// The platform's operators: the people named by e-mail in PLATFORM_OPERATORS, signed in or through
// an API key they created. Their procedures (credit grants, promo codes) act across organizations,
// so they are tRPC-only (dashboard, SDK): neither MCP tools nor REST routes, and no key scope
// reaches them — being an operator is configuration, not a role an owner can hand out.
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { env } from "@/server/env";
import type { Db } from "@/db/client";
import { type Actor, actorUserId } from "@/server/services/context";
import { authedProcedure } from "./init";

const g = globalThis as unknown as { __cmpOperators?: ReadonlySet<string> };

/** The operators' e-mail addresses, lower-case (tests install their own). */
export function platformOperators(): ReadonlySet<string> {
  g.__cmpOperators ??= new Set((env.PLATFORM_OPERATORS ?? "").split(",").map((e) => e.trim().toLowerCase()).filter(Boolean));
  return g.__cmpOperators;
}
export function definePlatformOperators(emails: string[]): void {
  g.__cmpOperators = new Set(emails.map((e) => e.toLowerCase()));
}

/** The actor's user id when that user is an operator, else null. */
export async function operatorOf(db: Db, actor: Actor): Promise<string | null> {
  const userId = actorUserId(actor);
  const operators = platformOperators();
  if (!userId || !operators.size) return null;
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return user?.email && operators.has(user.email.toLowerCase()) ? userId : null;
}

export const platformProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const operatorUserId = await operatorOf(ctx.db, ctx.actor);
  if (!operatorUserId) throw new TRPCError({ code: "FORBIDDEN", message: "Only the platform's operators (PLATFORM_OPERATORS) may do this" });
  return next({ ctx: { ...ctx, operatorUserId } });
});
