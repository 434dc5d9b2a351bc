import "server-only";
import { z } from "zod";
import { cursorField, page } from "@/server/schemas/common";
import { creditBalance, creditHistory } from "@/server/services/credits/account";
import { orgProcedure, router } from "../trpc/init";

const entry = z.object({
  id: z.string(),
  at: z.date(),
  kind: z.string().describe("grant, hold (credits put aside for work in flight), sale (earned), refund"),
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
});
