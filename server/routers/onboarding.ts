import "server-only";
import { z } from "zod";
import { onboardingStatus } from "@/server/services/orgs/onboarding";
import { orgProcedure, router } from "../trpc/init";

// Dashboard only (no tool, no REST route): the first-run checklist reads it.
export const onboardingRouter = router({
  status: orgProcedure
    .meta({ scope: "org:read", kind: "read", description: "What the organization has done of the first-run path: created a key, connected an agent, ran a task, generated files." })
    .input(z.object({}).default({}))
    .output(z.object({ orgId: z.string(), createdKey: z.boolean(), connectedAgent: z.boolean(), ranTask: z.boolean(), generated: z.boolean() }))
    .query(({ ctx }) => onboardingStatus(ctx.svc)),
});
