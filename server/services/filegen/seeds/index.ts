import "server-only";
// Public templates the Demo organization publishes on first start.
import type { SeedHook } from "../../seed";
import { createTemplate } from "../templates";
import { ciWorkflowTemplate } from "./ci-workflow";
import { mcpServerTemplate } from "./mcp-server";
import { routeHandlerTemplate } from "./route-handler";

export const seededTemplates = [mcpServerTemplate, routeHandlerTemplate, ciWorkflowTemplate];

export const seedTemplates: SeedHook = async (db, { orgId, userId }) => {
  const ctx = { db, orgId, actor: { type: "user" as const, userId, label: "seed" }, role: "owner" as const };
  for (const t of seededTemplates) await createTemplate(ctx, t);
};
