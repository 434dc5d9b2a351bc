import "server-only";
// Every hour: organizations that have not yet had this month's plan credits get them. Hourly rather
// than once at midnight on the 1st, so an instance that was down then (or a plan changed since)
// catches up; the grant's key (organization + month) makes every extra run a no-op.
import type { DbOrTx } from "@/db/client";
import { grantMonthlyCredits, monthlyGrantsDue } from "@/server/services/credits/grants";
import { defineWorkflow } from "../define";

export function monthlyCreditsWorkflow(resolve: () => Promise<{ db: DbOrTx }>) {
  return defineWorkflow(
    { id: "credits-monthly-grant", name: "Grant each organization its plan's monthly credits", triggers: [{ cron: "7 * * * *" }], retries: 2, workDue: async () => monthlyGrantsDue((await resolve()).db) },
    async ({ step }) => step.run("grant", async () => grantMonthlyCredits((await resolve()).db)),
  );
}
