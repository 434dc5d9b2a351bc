import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg, userCaller } from "@/server/trpc/testing";

describe.each(dbKinds)("onboarding status on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("checks off a key, an agent of its own, a task and a generation, and nothing of another organization's", async () => {
    const { org, owner } = await makeOrg(h.db, "Fresh");
    const other = await makeOrg(h.db, "Busy");
    const me = await userCaller(h.db, owner, org.id);
    expect(await me.onboarding.status()).toEqual({ orgId: org.id, createdKey: false, connectedAgent: false, ranTask: false, generated: false });

    // Another organization's work counts for nothing here.
    const busy = await keyCaller(h.db, other.org.id, scopes, other.owner.id);
    await busy.agents.register({ name: "Theirs", kind: "mcp", capabilities: ["x"] });
    await busy.tasks.create({ title: "theirs" });

    const key = await keyCaller(h.db, org.id, scopes, owner.id);
    await key.agents.register({ name: "Mine", kind: "mcp", capabilities: ["notes"] });
    await key.tasks.create({ title: "first" });
    expect(await me.onboarding.status()).toEqual({ orgId: org.id, createdKey: true, connectedAgent: true, ranTask: true, generated: false });
  });
});
