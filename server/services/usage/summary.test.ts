import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { tasks } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";

describe.each(dbKinds)("usage summary on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("counts tasks and generations per organization and UTC day, with empty days filled", async () => {
    const { org, owner } = await makeOrg(h.db, "Usage");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    const other = await makeOrg(h.db, "Elsewhere");
    await (await keyCaller(h.db, other.org.id, scopes, other.owner.id)).tasks.create({ title: "not mine" });
    await api.tasks.create({ title: "one" });
    await api.tasks.create({ title: "two" });
    const old = await api.tasks.create({ title: "two days ago" });
    const tooOld = await api.tasks.create({ title: "a week ago" });
    const day = 86_400_000;
    await h.db.update(tasks).set({ createdAt: new Date(Date.now() - 2 * day) }).where(eq(tasks.id, old.id));
    await h.db.update(tasks).set({ createdAt: new Date(Date.now() - 8 * day) }).where(eq(tasks.id, tooOld.id));
    await api.templates.create({ name: "Usage probe", files: [{ path: "a.txt", content: "hello" }] });
    await api.generations.create({ templateId: "usage-probe", variables: {}, format: "json" });
    const u = await api.usage.summary({ days: 7 });
    expect(u.days).toHaveLength(7);
    expect(u.totals).toMatchObject({ tasksCreated: 3, generations: 1, bytesGenerated: 5 });
    expect(u.days.at(-1)).toMatchObject({ tasksCreated: 2, generations: 1 });
    expect(u.days.at(-3)).toMatchObject({ date: new Date(Date.now() - 2 * day).toISOString().slice(0, 10), tasksCreated: 1 });
    expect(u.days[0]).toMatchObject({ tasksCreated: 0, generations: 0 });
    // The plan beside it: today's allowances used and left.
    expect(u.plan).toMatchObject({ name: "free", tasksToday: { limit: 1000, used: 2, left: 998 }, generationsToday: { used: 1 }, runningTasks: { used: 0 } });
  });

  it("counts credits spent on another organization's agent on the day the sale settled; a refund is not spent", async () => {
    const a = await makeOrg(h.db, "Seller");
    const b = await makeOrg(h.db, "Buyer");
    const seller = await keyCaller(h.db, a.org.id, scopes, a.owner.id);
    const buyer = await keyCaller(h.db, b.org.id, scopes, b.owner.id);
    const { agent } = await seller.agents.register({ name: "Paid", kind: "mcp", capabilities: ["paid"], sharing: "public", priceCredits: 30, maxConcurrency: 2 });
    const sold = await buyer.tasks.create({ title: "paid", requiredCapabilities: ["paid"], agentId: agent.id });
    const refunded = await buyer.tasks.create({ title: "refunded", requiredCapabilities: ["paid"], agentId: agent.id });
    await seller.tasks.claim({ agentId: agent.id });
    await seller.tasks.claim({ agentId: agent.id });
    await seller.tasks.complete({ taskId: sold.id, result: {} });
    await seller.tasks.fail({ taskId: refunded.id, error: "no" });
    const u = await buyer.usage.summary({ days: 2 });
    expect(u.totals).toMatchObject({ creditsSpent: 30, tasksSucceeded: 1, tasksFailed: 1 });
    expect(u.days.at(-1)!.creditsSpent).toBe(30);
    expect((await seller.usage.summary({ days: 2 })).totals.creditsSpent).toBe(0);
  });
});
