import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { readAgentCard } from "./agent-card";

describe.each(dbKinds)("published agent cards on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("shows a public agent's card to anyone and another only to its own organization", async () => {
    const { org, owner } = await makeOrg(h.db, "Cards home");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    const { agent: pub } = await api.agents.register({ name: "Open", kind: "mcp", capabilities: ["code:review"], sharing: "public" });
    const { agent: own } = await api.agents.register({ name: "Closed", kind: "mcp", capabilities: ["code:write"], sharing: "organization" });
    let asked = 0;
    const stranger = async () => (asked++, "00000000-0000-4000-8000-000000000000");

    const open = await readAgentCard(h.db, pub.id, "http://platform.test", stranger);
    expect(open).toMatchObject({ isPublic: true, card: { name: "Open", provider: { organization: org.name }, url: "http://platform.test/api/mcp" } });
    expect(asked).toBe(0); // a public card needs no authentication

    expect(await readAgentCard(h.db, own.id, "http://platform.test", stranger)).toBeNull();
    expect(await readAgentCard(h.db, own.id, "http://platform.test", async () => null)).toBeNull();
    expect(await readAgentCard(h.db, own.id, "http://platform.test", async () => org.id)).toMatchObject({ isPublic: false, card: { name: "Closed" } });
    expect(await readAgentCard(h.db, "not-a-uuid", "http://platform.test", async () => org.id)).toBeNull();
    expect(await readAgentCard(h.db, "00000000-0000-4000-8000-000000000001", "http://platform.test", async () => org.id)).toBeNull();
  });
});
