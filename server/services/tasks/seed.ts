import "server-only";
// Demo data for the first start: the built-in agent, a file generation task it runs at once, and
// a task waiting for an agent nobody has registered yet.
import { and, eq } from "drizzle-orm";
import { fileTemplates } from "@/db/schema";
import type { SeedHook } from "../seed";
import { ensureBuiltinAgent } from "./agents";
import { createTask } from "./tasks";

export const seedTasks: SeedHook = async (db, { orgId, userId }) => {
  const ctx = { db, orgId, actor: { type: "user" as const, userId, label: "seed" }, role: "owner" as const };
  await ensureBuiltinAgent(db, orgId);
  const [ci] = await db.select({ id: fileTemplates.id }).from(fileTemplates).where(and(eq(fileTemplates.organizationId, orgId), eq(fileTemplates.slug, "github-actions-ci-for-node-js")));
  if (ci) {
    await createTask(ctx, { title: "Set up CI for the storefront", description: "Lint, typecheck and test on Node 20 and 22, with PostgreSQL.", priority: 75, templateId: ci.id, input: { variables: { postgres: true }, format: "zip" } });
  }
  await createTask(ctx, {
    title: "Review the checkout flow for accessibility",
    description: "Keyboard navigation, focus order and labels on the three checkout steps. Connect an MCP agent offering code:review to take it.",
    requiredCapabilities: ["code:review"],
  });
};
