// Paid template sources reach only their publisher and buyers, on every surface (tRPC/SDK, REST,
// the MCP resource, diffs), and who may change a template or an agent is who may see it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { templateResources } from "@/server/mcp/filegen-resources";
import { handleRestRequest } from "@/server/rest/handler";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { scopes } from "@/server/services/permissions";
import { contextFrom } from "@/server/trpc/context";
import { addMember, keyCaller, keyContext, makeOrg } from "@/server/trpc/testing";

const SECRET_SOURCE = "the publisher's secret sauce {{ name }}";

describe.each(dbKinds)("template entitlement on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  const rest = (path: string, key: string) =>
    handleRestRequest(new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } }), path.split("?")[0]!, {
      createContext: (o) => contextFrom({ db: h.db, sessionUser: async () => null }, o),
    });

  it("shows another organization's paid template as paths and sizes until it is bought, then in full", async () => {
    const seller = await makeOrg(h.db, "Seller");
    const buyer = await makeOrg(h.db, "Buyer");
    const sell = await keyCaller(h.db, seller.org.id, scopes, seller.owner.id);
    const buy = await keyCaller(h.db, buyer.org.id, scopes, buyer.owner.id);
    const files = [{ path: "{{ name }}/main.txt", content: SECRET_SOURCE }];
    const t = await sell.templates.create({ name: "Paid sauce", visibility: "public", priceCredits: 50, files, instructions: "Use it." });
    await sell.templates.publish({ templateId: t.id, version: "1.1.0", files: [...files, { path: "extra.txt", content: `${SECRET_SOURCE} v2` }], changelog: "more" });

    // tRPC / SDK / MCP tool templates_get
    const seen = await buy.templates.get({ id: t.id });
    expect(seen.sourcesIncluded).toBe(false);
    expect(seen.version.files).toEqual([
      { path: "{{ name }}/main.txt", size: Buffer.byteLength(SECRET_SOURCE) },
      { path: "extra.txt", size: Buffer.byteLength(`${SECRET_SOURCE} v2`) },
    ]);
    expect(JSON.stringify(seen)).not.toContain("secret sauce");
    expect(JSON.stringify(await buy.templates.get({ id: t.id, version: "1.0.0" }))).not.toContain("secret sauce");

    // REST GET /api/v1/templates/{id}
    const { secret } = await insertApiKey(h.db, { orgId: buyer.org.id, name: "rest", scopes, createdBy: buyer.owner.id });
    const res = await rest(`/templates/${t.id}`, secret);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("main.txt");
    expect(body).not.toContain("secret sauce");

    // MCP resource cmp://templates/{id}
    const mcpCtx = await keyContext(h.db, buyer.org.id, scopes, buyer.owner.id);
    const [resource] = await templateResources.read(mcpCtx, `cmp://templates/${t.id}?version=1.1.0`);
    expect((resource as { text: string }).text).toContain("extra.txt");
    expect((resource as { text: string }).text).not.toContain("secret sauce");

    // templates_diff names what changed, without the lines
    const diff = await buy.templates.diff({ templateId: t.id, from: "1.0.0", to: "1.1.0" });
    expect(diff).toMatchObject({ sourcesIncluded: false, files: [{ path: "extra.txt", status: "added", diff: "" }] });

    // The publisher reads everything.
    const own = await sell.templates.get({ id: t.id });
    expect(own.sourcesIncluded).toBe(true);
    expect(own.version.files.find((f) => f.path === "extra.txt")?.content).toBe(`${SECRET_SOURCE} v2`);

    // Buying (forking) entitles the buyer to the sources of every version; the fork carries them.
    const fork = await buy.templates.fork({ templateId: t.id });
    expect(await buy.credits.balance()).toEqual({ balance: 950, held: 0 });
    const bought = await buy.templates.get({ id: t.id, version: "1.0.0" });
    expect(bought.sourcesIncluded).toBe(true);
    expect(bought.version.files[0]!.content).toBe(SECRET_SOURCE);
    expect((await buy.templates.get({ id: fork.id })).version.files.map((f) => f.content)).toEqual([SECRET_SOURCE, `${SECRET_SOURCE} v2`]);
    expect((await buy.templates.diff({ templateId: t.id, from: "1.0.0", to: "1.1.0" })).files[0]!.diff).toContain("+the publisher's secret sauce");

    // A third organization still sees no contents; a free public template shows them to all.
    const third = await makeOrg(h.db, "Third");
    const other = await keyCaller(h.db, third.org.id, scopes, third.owner.id);
    expect(JSON.stringify(await other.templates.get({ id: t.id }))).not.toContain("secret sauce");
    const free = await sell.templates.create({ name: "Free sauce", visibility: "public", files });
    expect((await other.templates.get({ id: free.id })).version.files[0]!.content).toBe(SECRET_SOURCE);
  });

  it("lets only who may see a template or an agent change it: its maker, admins and owners for private ones", async () => {
    const { org } = await makeOrg(h.db, "Team");
    const alice = await addMember(h.db, org.id, "member");
    const bob = await addMember(h.db, org.id, "member");
    const admin = await addMember(h.db, org.id, "admin");
    const a = await keyCaller(h.db, org.id, scopes, alice.id);
    const b = await keyCaller(h.db, org.id, scopes, bob.id);
    const boss = await keyCaller(h.db, org.id, scopes, admin.id);

    const priv = await a.templates.create({ name: "Alice private", visibility: "private", files: [{ path: "a.txt", content: "mine" }] });
    await expect(b.templates.get({ id: priv.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.templates.update({ templateId: priv.id, visibility: "public" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.templates.publish({ templateId: priv.id, version: "2.0.0", files: [{ path: "a.txt", content: "bob was here" }], changelog: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const kept = await a.templates.get({ id: priv.id });
    expect(kept).toMatchObject({ visibility: "private", latestVersion: "1.0.0" });
    expect(kept.version.files[0]!.content).toBe("mine");
    // Admins and the maker may; a shared (organization) template any member may change.
    await expect(boss.templates.update({ templateId: priv.id, description: "reviewed" })).resolves.toMatchObject({ description: "reviewed" });
    await expect(a.templates.publish({ templateId: priv.id, version: "1.1.0", files: [{ path: "a.txt", content: "mine 2" }], changelog: "x" })).resolves.toMatchObject({ version: "1.1.0" });
    const shared = await a.templates.create({ name: "Team shared", files: [{ path: "s.txt", content: "ours" }] });
    await expect(b.templates.update({ templateId: shared.id, description: "bob's note" })).resolves.toMatchObject({ description: "bob's note" });

    const agent = await a.agents.register({ name: "Alice bot", kind: "mcp", capabilities: ["x"], sharing: "private" });
    await expect(b.agents.update({ agentId: agent.agent.id, sharing: "public" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.agents.delete({ agentId: agent.agent.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.agents.heartbeat({ agentId: agent.agent.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await a.agents.get({ agentId: agent.agent.id })).sharing).toBe("private");
    await expect(boss.agents.update({ agentId: agent.agent.id, description: "ok" })).resolves.toMatchObject({ description: "ok" });
  });
});
