import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { apiKeys, memberships, users } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { sha256Hex } from "@/server/services/crypto";
import { verifyApiKey } from "@/server/services/keys/api-keys";
import { addMember, keyCaller, keyCallerFromSecret, makeOrg, userCaller } from "@/server/trpc/testing";

describe.each(dbKinds)("API keys on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("shows the secret once and stores only its SHA-256 with a lookup prefix", async () => {
    const { org, owner } = await makeOrg(h.db);
    const caller = await userCaller(h.db, owner, org.id);
    const { key, secret } = await caller.apiKeys.create({ name: "ci", scopes: ["tasks:read", "org:read"] });
    expect(secret).toMatch(/^cmp_[A-Za-z0-9_-]{32,}$/);
    const [row] = await h.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.hash).toBe(sha256Hex(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(secret.startsWith(row!.prefix)).toBe(true);
    const listed = await caller.apiKeys.list();
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(JSON.stringify(listed)).not.toContain(row!.hash);
  });

  it("acts for its organization within its scopes, and records last use", async () => {
    const { org, owner } = await makeOrg(h.db);
    const caller = await userCaller(h.db, owner, org.id);
    const { secret, key } = await caller.apiKeys.create({ name: "reader", scopes: ["org:read"] });
    const asKey = await keyCallerFromSecret(h.db, secret);
    expect((await asKey.orgs.current()).id).toBe(org.id);
    await expect(asKey.orgs.rename({ name: "Hijacked" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("org:write") });
    await expect(asKey.orgs.switch({ orgId: org.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [row] = await h.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.lastUsedAt).not.toBeNull();
  });

  it("refuses revoked and expired keys, and keys whose creator left", async () => {
    const { org, owner } = await makeOrg(h.db);
    const caller = await userCaller(h.db, owner, org.id);
    const revoked = await caller.apiKeys.create({ name: "r", scopes: ["org:read"] });
    await caller.apiKeys.revoke({ id: revoked.key.id });
    expect(await verifyApiKey(h.db, revoked.secret)).toBeNull();

    const expiring = await caller.apiKeys.create({ name: "e", scopes: ["org:read"], expiresAt: new Date(Date.now() + 60_000) });
    await h.db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expiring.key.id));
    expect(await verifyApiKey(h.db, expiring.secret)).toBeNull();

    const admin = await addMember(h.db, org.id, "admin");
    const adminKey = await (await userCaller(h.db, admin, org.id)).apiKeys.create({ name: "a", scopes: ["org:read"] });
    expect(await verifyApiKey(h.db, adminKey.secret)).not.toBeNull();
    await h.db.delete(memberships).where(eq(memberships.userId, admin.id));
    expect(await verifyApiKey(h.db, adminKey.secret)).toBeNull();

    expect(await verifyApiKey(h.db, "cmp_" + "x".repeat(40))).toBeNull();
    expect(await verifyApiKey(h.db, "not-a-key")).toBeNull();
  });

  it("cannot grant scopes beyond the creator's role, and bad input writes nothing", async () => {
    const { org } = await makeOrg(h.db);
    const member = await addMember(h.db, org.id, "admin");
    const caller = await userCaller(h.db, member, org.id);
    await expect(caller.apiKeys.create({ name: "too much", scopes: ["org:write", "credits:write"] })).resolves.toBeTruthy();
    const plainMember = await addMember(h.db, org.id, "member");
    const mCaller = await userCaller(h.db, plainMember, org.id);
    await expect(mCaller.apiKeys.create({ name: "x", scopes: ["tasks:read"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const before = (await caller.apiKeys.list()).length;
    await expect(caller.apiKeys.create({ name: "", scopes: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.apiKeys.create({ name: "bad", scopes: ["nope" as never] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.apiKeys.create({ name: "past", scopes: ["org:read"], expiresAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await caller.apiKeys.list()).length).toBe(before);
  });

  it("keeps keys tenant-scoped: another organization's key cannot be revoked", async () => {
    const a = await makeOrg(h.db, "A");
    const b = await makeOrg(h.db, "B");
    const bKey = await (await userCaller(h.db, b.owner, b.org.id)).apiKeys.create({ name: "b", scopes: ["org:read"] });
    const aCaller = await keyCaller(h.db, a.org.id, ["keys:write", "keys:read"]);
    await expect(aCaller.apiKeys.revoke({ id: bKey.key.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await verifyApiKey(h.db, bKey.secret)).not.toBeNull();
    expect((await aCaller.apiKeys.list()).map((k) => k.id)).not.toContain(bKey.key.id);
  });

  it("a key grants at most the scopes it holds: a keys:write key cannot mint an all-scopes key", async () => {
    const { org } = await makeOrg(h.db);
    const asKey = await keyCaller(h.db, org.id, ["keys:write"]);
    const before = await h.db.select().from(apiKeys).where(eq(apiKeys.organizationId, org.id));
    await expect(asKey.apiKeys.create({ name: "escalate", scopes: ["keys:write", "org:write", "members:write", "credits:write"] })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("org:write"),
    });
    expect(await h.db.select().from(apiKeys).where(eq(apiKeys.organizationId, org.id))).toHaveLength(before.length);
    // What it holds, it may hand on.
    expect((await asKey.apiKeys.create({ name: "same", scopes: ["keys:write"] })).key.scopes).toEqual(["keys:write"]);
  });

  it("stores the tool profile chosen at creation (all when omitted), and offers only the scopes the caller may grant", async () => {
    const { org, owner } = await makeOrg(h.db);
    const caller = await userCaller(h.db, owner, org.id);
    const agent = await caller.apiKeys.create({ name: "agent", scopes: ["tasks:read"], toolProfile: "agent" });
    expect(agent.key.toolProfile).toBe("agent");
    expect(await verifyApiKey(h.db, agent.secret)).toMatchObject({ toolProfile: "agent" });
    expect((await caller.apiKeys.create({ name: "plain", scopes: ["tasks:read"] })).key.toolProfile).toBe("all");
    await expect(caller.apiKeys.create({ name: "bad", scopes: ["tasks:read"], toolProfile: "everything" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await caller.apiKeys.list()).find((k) => k.name === "agent")!.toolProfile).toBe("agent");

    expect((await caller.apiKeys.grantable()).scopes).toContain("credits:write");
    const viewer = await addMember(h.db, org.id, "viewer");
    const seen = await (await userCaller(h.db, viewer, org.id)).apiKeys.grantable();
    expect(seen.role).toBe("viewer");
    expect(seen.scopes).toContain("credits:read");
    expect(seen.scopes).not.toContain("tasks:write");
    // A key offers at most what it holds.
    expect((await (await keyCaller(h.db, org.id, ["org:read", "keys:write", "tasks:read"])).apiKeys.grantable()).scopes).toEqual(["org:read", "keys:write", "tasks:read"]);
  });

  it("a key whose creator was deleted stops working instead of acting as an owner", async () => {
    const { org } = await makeOrg(h.db);
    const member = await addMember(h.db, org.id, "admin");
    const memberCaller = await userCaller(h.db, member, org.id);
    const { secret } = await memberCaller.apiKeys.create({ name: "mine", scopes: ["org:read"] });
    expect(await verifyApiKey(h.db, secret)).toMatchObject({ role: "admin" });
    await h.db.delete(users).where(eq(users.id, member.id));
    const [row] = await h.db.select().from(apiKeys).where(eq(apiKeys.prefix, secret.slice(0, 12)));
    expect(row!.createdBy).toBeNull();
    expect(await verifyApiKey(h.db, secret)).toBeNull();
  });
});
