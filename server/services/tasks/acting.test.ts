// Work the platform does for someone acts with that person's role, never an owner's: the built-in
// agent renders a member's task as the member, an automation fires as whoever made it, and
// someone who left the organization has nothing run for them any more.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { generations, memberships } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { storage } from "@/server/adapters/storage";
import { scopes } from "@/server/services/permissions";
import { addMember, keyCaller, makeOrg } from "@/server/trpc/testing";
import { fireDueAutomations } from "./automations";
import { dispatchQueuedTask, runBuiltinFilegen } from "./dispatch";

const deps = { storage: storage(), link: (sub: string, k: "file" | "git") => `http://test/${k}/${sub}`, enqueue: async () => {} };

describe.each(dbKinds)("acting for a person on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  async function team() {
    const { org } = await makeOrg(h.db, "Team");
    const member = await addMember(h.db, org.id, "member");
    const admin = await addMember(h.db, org.id, "admin");
    return { org, member, admin, m: await keyCaller(h.db, org.id, scopes, member.id), a: await keyCaller(h.db, org.id, scopes, admin.id) };
  }

  it("renders a member's task as the member: a template made private since is not rendered for them", async () => {
    const { org, m, a } = await team();
    const t = await a.templates.create({ name: "Admin notes", files: [{ path: "notes.txt", content: "internal {{ x }}" }] });
    const task = await m.tasks.create({ title: "Render notes", templateId: t.id, input: { variables: { x: 1 }, format: "json" } });
    await a.templates.update({ templateId: t.id, visibility: "private" });
    expect(await dispatchQueuedTask(h.db, task.id)).toMatchObject({ action: "builtin:filegen" });
    expect(await runBuiltinFilegen(h.db, task.id, deps)).toEqual({ failed: "Template not found" });
    expect(await m.tasks.get({ id: task.id })).toMatchObject({ status: "failed", result: null });
    expect(await h.db.select().from(generations).where(eq(generations.organizationId, org.id))).toEqual([]);
  });

  it("stops rendering for someone who left the organization", async () => {
    const { org, member, m, a } = await team();
    const t = await a.templates.create({ name: "Shared", files: [{ path: "s.txt", content: "{{ x }}" }] });
    const task = await m.tasks.create({ title: "Render", templateId: t.id, input: { variables: { x: 1 }, format: "json" } });
    await h.db.delete(memberships).where(eq(memberships.userId, member.id));
    await dispatchQueuedTask(h.db, task.id);
    expect(await runBuiltinFilegen(h.db, task.id, deps)).toEqual({ failed: expect.stringContaining("no longer a member") });
    expect((await a.tasks.get({ id: task.id })).status).toBe("failed");
    expect(await h.db.select().from(generations).where(eq(generations.organizationId, org.id))).toEqual([]);
  });

  it("fires an automation as its maker: a member's schedule cannot reach an admin's private template", async () => {
    const { m, a } = await team();
    const secret = await a.templates.create({ name: "Admin only", visibility: "private", files: [{ path: "p.txt", content: "private" }] });
    const tt = await a.taskTemplates.create({ name: "Render private", title: "Render", fileTemplateId: secret.id });
    const auto = await m.automations.create({ name: "Member schedule", taskTemplateId: tt.id, trigger: { type: "cron", cron: "0 3 * * *" } });
    expect(await fireDueAutomations(h.db, new Date(auto.nextFireAt!.getTime() + 1000))).toEqual([]);
    expect(await m.automations.runs({ automationId: auto.id })).toEqual([expect.objectContaining({ status: "failed", error: expect.stringContaining("templateId") })]);
    // The admin's own schedule on the same task template fires.
    const own = await a.automations.create({ name: "Admin schedule", taskTemplateId: tt.id, trigger: { type: "cron", cron: "0 4 * * *" } });
    expect(await fireDueAutomations(h.db, new Date(own.nextFireAt!.getTime() + 1000))).toHaveLength(1);
  });
});
