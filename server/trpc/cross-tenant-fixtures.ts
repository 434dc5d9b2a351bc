import "server-only";
// For the procedure table test: how to make a resource in a victim organization and the input
// that names it. Each domain adds an entry for every procedure whose input names a resource.
import type { Db } from "@/db/client";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { addMember } from "./testing";

export type CrossTenantFixture = (db: Db, victim: { orgId: string; ownerId: string }) => Promise<Record<string, unknown>>;

/** A template private to the victim's organization (visibility "organization"), with two versions. */
async function victimTemplate(db: Db, v: { orgId: string; ownerId: string }) {
  const { createTemplate, publishVersion } = await import("@/server/services/filegen/templates");
  const ctx = { db, orgId: v.orgId, actor: { type: "user" as const, userId: v.ownerId, label: "victim" }, role: "owner" as const };
  const t = await createTemplate(ctx, { name: "Victim template", files: [{ path: "a.txt", content: "{{ x }}" }] });
  await publishVersion(ctx, { templateId: t.id, version: "1.1.0", files: [{ path: "a.txt", content: "{{ x }}!" }], changelog: "" });
  return { t, ctx };
}

/** A failed workflow run in the victim's organization. */
async function victimRun(db: Db, v: { orgId: string }) {
  const { insertRun } = await import("@/server/workflows/runner/events");
  const { workflowRuns } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const run = await insertRun(db, { options: { id: "victim-fn", triggers: [] }, handler: async () => null }, { name: "victim/event", data: { orgId: v.orgId } });
  await db.update(workflowRuns).set({ status: "failed" }).where(eq(workflowRuns.id, run.id));
  return { id: run.id };
}

const victimCtx = (db: Db, v: { orgId: string; ownerId: string }) => ({ db, orgId: v.orgId, actor: { type: "user" as const, userId: v.ownerId, label: "victim" }, role: "owner" as const });

async function victimTask(db: Db, v: { orgId: string; ownerId: string }) {
  const { createTask } = await import("@/server/services/tasks/tasks");
  return createTask(victimCtx(db, v), { title: "Victim task", requiredCapabilities: ["secret"] });
}

async function victimAgent(db: Db, v: { orgId: string; ownerId: string }) {
  const { registerAgent } = await import("@/server/services/tasks/agents");
  return (await registerAgent(victimCtx(db, v), { name: "Victim agent", kind: "mcp", capabilities: ["secret"] })).agent;
}

async function victimTaskTemplate(db: Db, v: { orgId: string; ownerId: string }) {
  const { createTaskTemplate } = await import("@/server/services/tasks/task-templates");
  return createTaskTemplate(victimCtx(db, v), { name: "Victim blueprint", title: "Do {{ thing }}" });
}

async function victimAutomation(db: Db, v: { orgId: string; ownerId: string }) {
  const { createAutomation } = await import("@/server/services/tasks/automations");
  const t = await victimTaskTemplate(db, v);
  return createAutomation(victimCtx(db, v), { name: "Victim schedule", taskTemplateId: t.id, trigger: { type: "cron", cron: "0 9 * * *" } });
}

export const crossTenantFixtures: Record<string, CrossTenantFixture> = {
  "apiKeys.revoke": async (db, v) => ({ id: (await insertApiKey(db, { orgId: v.orgId, name: "victim", scopes: ["org:read"] })).key.id }),
  "orgs.changeRole": async (db, v) => ({ userId: (await addMember(db, v.orgId, "member")).id, role: "viewer" }),
  "orgs.removeMember": async (db, v) => ({ userId: (await addMember(db, v.orgId, "member")).id }),
  "orgs.revokeInvitation": async (db, v) => {
    const { invitations } = await import("@/db/schema");
    const [inv] = await db
      .insert(invitations)
      .values({ organizationId: v.orgId, email: "victim@example.test", role: "member", tokenHash: `h-${Math.random()}`, expiresAt: new Date(Date.now() + 86_400_000) })
      .returning();
    return { id: inv!.id };
  },
  "templates.get": async (db, v) => ({ id: (await victimTemplate(db, v)).t.id }),
  "templates.update": async (db, v) => ({ templateId: (await victimTemplate(db, v)).t.id, name: "Stolen" }),
  "templates.publish": async (db, v) => ({ templateId: (await victimTemplate(db, v)).t.id, version: "9.0.0", files: [{ path: "b.txt", content: "x" }] }),
  "templates.fork": async (db, v) => ({ templateId: (await victimTemplate(db, v)).t.id }),
  "templates.diff": async (db, v) => ({ templateId: (await victimTemplate(db, v)).t.id, from: "1.0.0", to: "1.1.0" }),
  "generations.create": async (db, v) => ({ templateId: (await victimTemplate(db, v)).t.id, variables: { x: 1 }, format: "json" }),
  "generations.get": async (db, v) => {
    const { ctx, t } = await victimTemplate(db, v);
    const { createGeneration } = await import("@/server/services/filegen/generations");
    const { localStorage } = await import("@/server/adapters/storage/local");
    const { mkdtemp } = await import("node:fs/promises");
    const dir = await mkdtemp(`${(await import("node:os")).tmpdir()}/victim-`);
    const g = await createGeneration(ctx, { templateId: t.id, variables: {}, format: "json" }, { storage: localStorage(dir), link: () => "", enqueue: async () => {} });
    return { id: g.id };
  },
  "runs.get": victimRun,
  "runs.cancel": victimRun,
  "runs.retry": victimRun,
  "tasks.create": async (db, v) => ({ title: "Use their template", templateId: (await victimTemplate(db, v)).t.id, input: { variables: { x: 1 } } }),
  "tasks.get": async (db, v) => ({ id: (await victimTask(db, v)).id }),
  "tasks.update": async (db, v) => ({ taskId: (await victimTask(db, v)).id, title: "Stolen" }),
  "tasks.cancel": async (db, v) => ({ taskId: (await victimTask(db, v)).id }),
  "tasks.retry": async (db, v) => ({ taskId: (await victimTask(db, v)).id }),
  "tasks.events": async (db, v) => ({ taskId: (await victimTask(db, v)).id }),
  "tasks.reportProgress": async (db, v) => ({ taskId: (await victimTask(db, v)).id, progress: 50 }),
  "tasks.complete": async (db, v) => ({ taskId: (await victimTask(db, v)).id }),
  "tasks.fail": async (db, v) => ({ taskId: (await victimTask(db, v)).id, error: "x" }),
  "tasks.claim": async (db, v) => {
    await victimTask(db, v);
    return { agentId: (await victimAgent(db, v)).id };
  },
  "agents.get": async (db, v) => ({ agentId: (await victimAgent(db, v)).id }),
  "agents.update": async (db, v) => ({ agentId: (await victimAgent(db, v)).id, name: "Stolen" }),
  "agents.delete": async (db, v) => ({ agentId: (await victimAgent(db, v)).id }),
  "agents.heartbeat": async (db, v) => ({ agentId: (await victimAgent(db, v)).id }),
  "taskTemplates.instantiate": async (db, v) => ({ taskTemplateId: (await victimTaskTemplate(db, v)).id }),
  "taskTemplates.delete": async (db, v) => ({ taskTemplateId: (await victimTaskTemplate(db, v)).id }),
  "taskTemplates.create": async (db, v) => ({ name: "Uses their file template", title: "x", fileTemplateId: (await victimTemplate(db, v)).t.id }),
  "automations.create": async (db, v) => ({ name: "Steal", taskTemplateId: (await victimTaskTemplate(db, v)).id, trigger: { type: "cron", cron: "0 9 * * *" } }),
  "automations.pause": async (db, v) => ({ automationId: (await victimAutomation(db, v)).id }),
  "automations.resume": async (db, v) => ({ automationId: (await victimAutomation(db, v)).id }),
  "automations.delete": async (db, v) => ({ automationId: (await victimAutomation(db, v)).id }),
  "automations.runs": async (db, v) => ({ automationId: (await victimAutomation(db, v)).id }),
};
