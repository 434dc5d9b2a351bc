import "server-only";
// Promo codes: an operator makes one (credits, how many organizations may use it, until when); an
// owner or admin redeems it for their organization, once. The redemption row, the code's counter
// and the ledger grant are written in one transaction, so a failure leaves none of them.
import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { promoCodes, promoRedemptions } from "@/db/schema";
import { AppError } from "@/server/errors";
import { actorUserId, type ServiceContext } from "../context";
import { creditBalance } from "./account";
import { addCredits } from "./grants";

export const normalizeCode = (code: string) => code.trim().toUpperCase();

export async function createPromoCode(db: DbOrTx, input: { code: string; credits: number; maxRedemptions: number; expiresAt?: Date | null; createdBy: string }) {
  const code = normalizeCode(input.code);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw new AppError("BAD_REQUEST", "expiresAt: the code would expire before anyone could use it", { fields: [{ path: "expiresAt", message: "must be in the future" }] });
  const [row] = await db
    .insert(promoCodes)
    .values({ code, credits: input.credits, maxRedemptions: input.maxRedemptions, expiresAt: input.expiresAt ?? null, createdBy: input.createdBy })
    .onConflictDoNothing({ target: promoCodes.code })
    .returning();
  if (!row) throw new AppError("CONFLICT", `A promo code ${code} already exists`);
  return row;
}

export async function listPromoCodes(db: DbOrTx) {
  return db.select().from(promoCodes).orderBy(desc(promoCodes.createdAt)).limit(200);
}

/** Redeems a code for the caller's organization: its credits land in the wallet, once. */
export async function redeemPromoCode(ctx: ServiceContext, input: { code: string }) {
  const code = normalizeCode(input.code);
  const credits = await ctx.db.transaction(async (tx) => {
    // The code's row, locked: two organizations racing for the last redemption are served in turn.
    const [promo] = await tx.select().from(promoCodes).where(eq(promoCodes.code, code)).for("update");
    // Each refusal names the code's state (unknown, expired, already redeemed, used up) and nothing else.
    if (!promo) throw new AppError("NOT_FOUND", `No promo code ${code}: check its spelling`);
    if (promo.expiresAt && promo.expiresAt.getTime() <= Date.now()) throw new AppError("CONFLICT", `The promo code ${code} expired on ${promo.expiresAt.toISOString().slice(0, 10)}`);
    const [redeemed] = await tx
      .insert(promoRedemptions)
      .values({ promoCodeId: promo.id, organizationId: ctx.orgId, redeemedBy: actorUserId(ctx.actor) })
      .onConflictDoNothing()
      .returning();
    if (!redeemed) throw new AppError("CONFLICT", `Your organization already redeemed ${code}`);
    if (promo.redemptions >= promo.maxRedemptions) throw new AppError("CONFLICT", `The promo code ${code} has been used up`);
    await tx.update(promoCodes).set({ redemptions: sql`${promoCodes.redemptions} + 1` }).where(eq(promoCodes.id, promo.id));
    await addCredits(tx, { key: `grant:promo:${promo.id}:${ctx.orgId}`, orgId: ctx.orgId, amount: promo.credits, source: "promo", memo: `Promo code ${code}`, subject: `promo:${promo.id}`, createdBy: actorUserId(ctx.actor) });
    return promo.credits;
  });
  return { code, credits, ...(await creditBalance(ctx)) };
}
