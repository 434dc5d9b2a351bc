// The task-list cache across instances: instance B serves an organization's list from its cache;
// a task created through A, a row changed by hand in SQL, an agent's rename and the manual clear
// reach B over the database (triggers → cmp_cache) within a second. PostgreSQL carries it between
// two connections (two instances); PGlite within one process. The caller's own write is seen by
// its very next read. An admin may clear the caches; a member may not.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { LayeredCache } from "@/server/adapters/cache/layered-cache";
import { listTasksInput } from "@/server/schemas/tasks";
import type { ServiceContext } from "@/server/services/context";
import { addMember, makeOrg, userCaller } from "@/server/trpc/testing";
import { taskListCache } from "./list-cache";
import { listTasks, type TaskPage } from "./tasks";
import { within } from "@/test/within";

const page = listTasksInput.parse({ limit: 10 });
/** Lets notifications of writes already committed arrive (they come a moment after the commit). */
const settled = () => new Promise((r) => setTimeout(r, 300));

describe.each(dbKinds)("task-list cache on %s", (kind) => {
  let a: DbHandle & { url?: string };
  let b: DbHandle;
  let cacheB: LayeredCache<TaskPage>;
  beforeAll(async () => {
    a = await createTestDb(kind);
    b = a.url ? await openDb({ kind: "postgres", url: a.url, max: 2 }) : a;
    cacheB = new LayeredCache<TaskPage>({ space: "tasks", ttlMs: 60_000, maxEntries: 100 });
    await cacheB.listen(b);
    // Instance A is this process: its procedures use the process cache.
    await taskListCache().listen(a);
  });
  afterAll(async () => {
    cacheB.stop();
    taskListCache().stop();
    if (b !== a) await b.close();
    await a.close();
  });

  const onB = (orgId: string, userId: string): ServiceContext => ({ db: b.db, orgId, actor: { type: "user", userId, label: "b" }, role: "owner" });
  const titlesOnB = async (orgId: string, userId: string) => (await listTasks(onB(orgId, userId), page, cacheB)).items.map((t) => t.title);

  it("serves B from its cache, and shows a task created on A within a second", async () => {
    const { org, owner } = await makeOrg(a.db, "Lists");
    const api = await userCaller(a.db, owner, org.id);
    await api.tasks.create({ title: "first" });
    expect(await titlesOnB(org.id, owner.id)).toEqual(["first"]);
    // Once the create's own notification has been heard, B answers from its cache (the same page).
    await settled();
    const cached = await listTasks(onB(org.id, owner.id), page, cacheB);
    expect(await listTasks(onB(org.id, owner.id), page, cacheB)).toBe(cached);
    await api.tasks.create({ title: "second" });
    expect(await within(1_000, async () => (await titlesOnB(org.id, owner.id))[0] === "second")).toBe(true);
  });

  it("drops B's list when a row changes behind the app's back, or an agent on it is renamed", async () => {
    const { org, owner } = await makeOrg(a.db, "Behind");
    const api = await userCaller(a.db, owner, org.id);
    const t = await api.tasks.create({ title: "before" });
    expect(await titlesOnB(org.id, owner.id)).toEqual(["before"]);
    await a.db.execute(sql`update tasks set title = 'after' where id = ${t.id}`);
    expect(await within(1_000, async () => (await titlesOnB(org.id, owner.id))[0] === "after")).toBe(true);

    const { agent } = await api.agents.register({ name: "worker", capabilities: ["x"], kind: "mcp" });
    await a.db.execute(sql`update tasks set assigned_agent_id = ${agent.id} where id = ${t.id}`);
    const agentName = async () => (await listTasks(onB(org.id, owner.id), page, cacheB)).items[0]?.agentName;
    expect(await within(1_000, async () => (await agentName()) === "worker")).toBe(true);
    await a.db.execute(sql`update agents set name = 'renamed' where id = ${agent.id}`);
    expect(await within(1_000, async () => (await agentName()) === "renamed")).toBe(true);
  });

  it("shows the caller its own write on its very next read", async () => {
    const { org, owner } = await makeOrg(a.db, "Own");
    const api = await userCaller(a.db, owner, org.id);
    for (let i = 0; i < 5; i++) {
      expect((await api.tasks.list({ limit: 10 })).items).toHaveLength(i);
      const t = await api.tasks.create({ title: `t${i}` });
      const listed = await api.tasks.list({ limit: 10 });
      expect(listed.items.map((x) => x.id)).toContain(t.id);
      await api.tasks.cancel({ taskId: t.id });
      expect((await api.tasks.list({ limit: 10 })).items.find((x) => x.id === t.id)?.status).toBe("cancelled");
    }
  });

  it("lets an admin clear the organization's caches on every instance, and refuses a member", async () => {
    const { org, owner } = await makeOrg(a.db, "Clear");
    const admin = await addMember(a.db, org.id, "admin");
    const member = await addMember(a.db, org.id, "member");
    await (await userCaller(a.db, owner, org.id)).tasks.create({ title: "kept" });
    await settled();
    await titlesOnB(org.id, owner.id);
    const entriesOfOrg = () => {
      let n = 0;
      cacheB.l1.deleteWhere((e) => {
        if (e.scope === org.id) n++;
        return false;
      });
      return n;
    };
    expect(entriesOfOrg()).toBe(1);
    await expect((await userCaller(a.db, member, org.id)).orgs.clearCache()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await new Promise((r) => setTimeout(r, 200));
    expect(entriesOfOrg()).toBe(1);
    expect(await (await userCaller(a.db, admin, org.id)).orgs.clearCache()).toEqual({ cleared: true });
    expect(await within(1_000, async () => entriesOfOrg() === 0)).toBe(true);
  });
});
