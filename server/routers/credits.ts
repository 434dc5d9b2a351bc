import "server-only";
import { z } from "zod";
import { cursorField, page } from "@/server/schemas/common";
import { creditBalance, creditHistory } from "@/server/services/credits/account";
import { creditEarnings } from "@/server/services/credits/earnings";
import { redeemPromoCode } from "@/server/services/credits/promo";
import { orgProcedure, router } from "../trpc/init";

const entry = z.object({
  id: z.string(),
  at: z.date(),
  kind: z.string().describe("grant (starting, monthly, promo code or operator credits), hold (credits put aside for work in flight), sale (earned, or paid out of escrow), refund"),
  memo: z.string(),
  subject: z.string().nullable(),
  amount: z.number().describe("signed: negative leaves the wallet"),
  balanceAfter: z.number(),
  holdOutcome: z.enum(["held", "paid", "refunded"]).nullable().describe("for a hold: still held for work in flight, paid to the seller, or refunded"),
  fee: z.number().nullable().describe("for a sale: the platform fee taken from the price (the amount is what you earned)"),
});

export const creditsRouter = router({
  balance: orgProcedure
    .meta({
      scope: "credits:read",
      kind: "read",
      tool: "credits_balance",
      rest: { method: "GET", path: "/credits" },
      description:
        "Your organization's credits: `balance` is spendable, `held` is set aside for paid work in flight (released if it fails). Paid public templates of other organizations cost their price per generation.",
    })
    .input(z.object({}).default({}))
    .output(z.object({ balance: z.number(), held: z.number() }))
    .query(({ ctx }) => creditBalance(ctx.svc)),

  history: orgProcedure
    .meta({
      scope: "credits:read",
      kind: "read",
      tool: "credits_history",
      rest: { method: "GET", path: "/credits/history" },
      description: "Movements of your organization's wallet, newest first: grants, holds for paid work, sales of your templates, refunds — each with its amount and the balance after.",
    })
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20), cursor: cursorField }).default({ limit: 20 }))
    .output(page(entry))
    .query(({ ctx, input }) => creditHistory(ctx.svc, input)),

  redeem: orgProcedure
    .meta({
      scope: "credits:write",
      kind: "write",
      tool: "credits_redeem",
      rest: { method: "POST", path: "/credits/redeem" },
      description: "Redeems a promo code: its credits go to your wallet, once per organization. Returns the credits added and the new balance.",
    })
    .input(z.object({ code: z.string().trim().min(3).max(40).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only") }))
    .output(z.object({ code: z.string(), credits: z.number(), balance: z.number(), held: z.number() }))
    .mutation(({ ctx, input }) => redeemPromoCode(ctx.svc, input)),

  earnings: orgProcedure
    .meta({
      scope: "credits:read",
      kind: "read",
      tool: "credits_earnings",
      rest: { method: "GET", path: "/credits/earnings" },
      description: "Your sales as a seller, newest first (tasks run on your public agents, generations and forks of your paid templates): gross, platform fee and net each, and the period's totals.",
    })
    .input(z.object({ from: z.coerce.date().nullish(), to: z.coerce.date().nullish(), limit: z.number().int().min(1).max(500).default(50), cursor: cursorField }).default({ limit: 50 }))
    .output(
      page(z.object({ id: z.string(), at: z.date(), sale: z.enum(["task", "template"]), memo: z.string(), subject: z.string().nullable(), gross: z.number(), fee: z.number(), net: z.number() })).extend({
        totals: z.object({ sales: z.number(), gross: z.number(), fee: z.number(), net: z.number() }),
      }),
    )
    .query(({ ctx, input }) => creditEarnings(ctx.svc, input)),
});
