import "server-only";
// What the platform's operators do across organizations: grant credits, make promo codes, set plans.
import { z } from "zod";
import { operatorGrant, platformAccounts } from "@/server/services/credits/grants";
import { createPromoCode, listPromoCodes } from "@/server/services/credits/promo";
import { setOrganizationPlan } from "@/server/services/orgs/plan";
import { planNames } from "@/server/services/plans";
import { authedProcedure, router } from "../trpc/init";
import { operatorOf, platformProcedure } from "../trpc/platform";

const promo = z.object({ id: z.string(), code: z.string(), credits: z.number(), maxRedemptions: z.number(), redemptions: z.number(), expiresAt: z.date().nullable(), createdAt: z.date() });

export const platformRouter = router({
  /** Whether the caller is an operator (the dashboard shows the Platform page then). */
  isOperator: authedProcedure.output(z.boolean()).query(async ({ ctx }) => (await operatorOf(ctx.db, ctx.actor)) !== null),

  grantCredits: platformProcedure
    .input(
      z.object({
        organizationSlug: z.string().trim().min(1).max(64),
        amount: z.number().int().min(1).max(10_000_000),
        reason: z.string().trim().min(3).max(200),
        /** The same key again is a replay that grants nothing (retried requests). */
        requestKey: z.string().trim().min(8).max(100),
      }),
    )
    .mutation(({ ctx, input }) => operatorGrant(ctx.db, { ...input, operatorUserId: ctx.operatorUserId })),

  createPromoCode: platformProcedure
    .input(
      z.object({
        code: z.string().trim().min(3).max(40).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only"),
        credits: z.number().int().min(1).max(1_000_000),
        maxRedemptions: z.number().int().min(1).max(1_000_000),
        expiresAt: z.coerce.date().nullish(),
      }),
    )
    .output(promo)
    .mutation(({ ctx, input }) => createPromoCode(ctx.db, { ...input, createdBy: ctx.operatorUserId })),

  /** Fees the platform earned on sales and credits granted so far. */
  accounts: platformProcedure.output(z.object({ fees: z.number(), granted: z.number() })).query(({ ctx }) => platformAccounts(ctx.db)),

  plans: platformProcedure.output(z.array(z.string())).query(() => planNames()),

  setPlan: platformProcedure
    .input(z.object({ organizationSlug: z.string().trim().min(1).max(64), plan: z.string().trim().min(1).max(32) }))
    .mutation(({ ctx, input }) => setOrganizationPlan(ctx.db, { ...input, actor: ctx.actor })),

  promoCodes: platformProcedure.output(z.array(promo)).query(({ ctx }) => listPromoCodes(ctx.db)),
});
