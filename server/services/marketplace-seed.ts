import "server-only";
// A second organization for the demo, so the marketplace has something from somebody else: a
// paid public template and a public agent published by "Agent Guild" (a user who cannot sign in).
// Also a task template with a weekly automation in Demo, so Automations shows one at work.
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { createAutomationInput, createTaskTemplateInput, registerAgentInput } from "@/server/schemas/tasks";
import { releaseNotesTemplate } from "./filegen/seeds/release-notes";
import { createTemplate } from "./filegen/templates";
import { createOrganization } from "./orgs/organizations";
import type { SeedHook } from "./seed";
import { registerAgent } from "./tasks/agents";
import { createAutomation } from "./tasks/automations";
import { createTaskTemplate } from "./tasks/task-templates";

async function seedGuild(db: Db) {
  const [user] = await db.insert(users).values({ name: "Agent Guild", email: "guild@agents.invalid" }).onConflictDoNothing().returning();
  if (!user) return;
  const org = await createOrganization(db, { name: "Agent Guild", slug: "agent-guild", ownerUserId: user.id });
  const ctx = { db, orgId: org.id, actor: { type: "user" as const, userId: user.id, label: "seed" }, role: "owner" as const };
  await createTemplate(ctx, releaseNotesTemplate);
  await registerAgent(
    ctx,
    registerAgentInput.parse({
      name: "Guild accessibility reviewer",
      description: "Reviews pages and components for WCAG 2.2 AA: keyboard paths, focus order, labels and contrast. Connects over MCP and pulls tasks.",
      kind: "mcp",
      capabilities: ["code:review", "a11y"],
      maxConcurrency: 4,
      sharing: "public",
    }),
  );
}

export const seedMarketplace: SeedHook = async (db, { orgId, userId }) => {
  await seedGuild(db);
  const ctx = { db, orgId, actor: { type: "user" as const, userId, label: "seed" }, role: "owner" as const };
  const template = await createTaskTemplate(
    ctx,
    createTaskTemplateInput.parse({
      name: "Dependency review",
      title: "Review dependency updates in {{ repo }}",
      description: "Read the changelogs of this week's dependency updates in {{ repo }} and flag breaking changes.",
      requiredCapabilities: ["code:review"],
      variables: { type: "object", properties: { repo: { type: "string", default: "storefront" } } },
    }),
  );
  await createAutomation(ctx, createAutomationInput.parse({ name: "Every Monday at 09:00 UTC", taskTemplateId: template.id, trigger: { type: "cron", cron: "0 9 * * 1" }, variables: { repo: "storefront" } }));
};
