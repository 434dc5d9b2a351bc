import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";

describe.each(dbKinds)("usage summary on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("counts today's tasks and generations per organization, with empty days filled", async () => {
    const { org, owner } = await makeOrg(h.db, "Usage");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    const other = await makeOrg(h.db, "Elsewhere");
    await (await keyCaller(h.db, other.org.id, scopes, other.owner.id)).tasks.create({ title: "not mine" });
    await api.tasks.create({ title: "one" });
    await api.tasks.create({ title: "two" });
    await api.templates.create({ name: "Usage probe", files: [{ path: "a.txt", content: "hello" }] });
    await api.generations.create({ templateId: "usage-probe", variables: {}, format: "json" });
    const u = await api.usage.summary({ days: 7 });
    expect(u.days).toHaveLength(7);
    expect(u.totals).toMatchObject({ tasksCreated: 2, generations: 1, bytesGenerated: 5 });
    expect(u.days.at(-1)).toMatchObject({ tasksCreated: 2, generations: 1 });
    expect(u.days[0]).toMatchObject({ tasksCreated: 0, generations: 0 });
  });
});
