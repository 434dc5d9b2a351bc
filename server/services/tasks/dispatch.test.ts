// Dispatch keeps an agent within its maxConcurrency however many tasks are dispatched at once; a
// task only pulling (MCP) agents fit is matched as it is queued, and costs no workflow event.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { taskEvents, tasks, workflowEvents } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { dispatchQueuedTask } from "./dispatch";

describe.each(dbKinds)("dispatch on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("assigns no more tasks to an agent than its maxConcurrency when dispatches race", async () => {
    const { org, owner } = await makeOrg(h.db, "Busy");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    const t = await api.templates.create({ name: "One", files: [{ path: "a.txt", content: "{{ n }}" }] });
    const created = await Promise.all(Array.from({ length: 6 }, (_, n) => api.tasks.create({ title: `t${n}`, templateId: t.id, input: { variables: { n }, format: "json" } })));
    const builtin = (await api.agents.list({ limit: 10 })).find((a) => a.kind === "builtin:filegen")!;
    await api.agents.update({ agentId: builtin.id, maxConcurrency: 2 });
    for (let round = 0; round < 2; round++) {
      const decisions = await Promise.all(created.map((c) => dispatchQueuedTask(h.db, c.id)));
      expect(decisions.filter((d) => d.action === "builtin:filegen")).toHaveLength(round === 0 ? 2 : 0);
    }
    const held = await h.db.select().from(tasks).where(and(eq(tasks.assignedAgentId, builtin.id), inArray(tasks.status, ["assigned", "running"])));
    expect(held).toHaveLength(2);
  });

  it("offers a task to MCP agents as it is queued, with no dispatch run; one that requires nothing fits any agent", async () => {
    const { org, owner } = await makeOrg(h.db, "Pull");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    await api.agents.register({ name: "puller", kind: "mcp", capabilities: ["pull"], maxConcurrency: 1 });
    const before = await h.db.select({ id: workflowEvents.id }).from(workflowEvents).where(eq(workflowEvents.organizationId, org.id));
    const fits = await api.tasks.create({ title: "pull me", requiredCapabilities: ["pull"] });
    const anything = await api.tasks.create({ title: "anything" });
    const nobody = await api.tasks.create({ title: "nobody", requiredCapabilities: ["push"] });
    for (const [t, type, reason] of [[fits, "offered", "offered to MCP agents"], [anything, "offered", "offered to MCP agents"], [nobody, "unmatched", "no online agent offers push"]] as const) {
      const [row] = await h.db.select().from(tasks).where(eq(tasks.id, t.id));
      expect(row!.match?.reasons[0]).toContain(reason);
      const types = (await h.db.select({ type: taskEvents.type }).from(taskEvents).where(eq(taskEvents.taskId, t.id))).map((e) => e.type);
      expect(types).toEqual(["created", "queued", type]);
    }
    const after = await h.db.select({ id: workflowEvents.id }).from(workflowEvents).where(eq(workflowEvents.organizationId, org.id));
    expect(after.length - before.length).toBe(0);
    expect(await api.tasks.claim({ agentId: (await api.agents.list({ limit: 10 })).find((a) => a.name === "puller")!.id })).toMatchObject({ task: { id: fits.id } });
  });
});
