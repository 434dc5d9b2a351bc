import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditLog, memberships } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { addMember, anonymousCaller, makeOrg, makeUser, userCaller } from "@/server/trpc/testing";

describe.each(dbKinds)("organizations and members on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("renames with an audit entry, and refuses a bad name naming the field without writing", async () => {
    const { org, owner } = await makeOrg(h.db);
    const caller = await userCaller(h.db, owner, org.id);
    await caller.orgs.rename({ name: "Renamed Co" });
    expect((await caller.orgs.current()).name).toBe("Renamed Co");
    await expect(caller.orgs.rename({ name: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("name") });
    expect((await caller.orgs.current()).name).toBe("Renamed Co");
    const entries = await h.db.select().from(auditLog).where(eq(auditLog.organizationId, org.id));
    expect(entries.map((e) => e.action)).toContain("org.renamed");
  });

  it("checks the role × scope table: a viewer may read but not rename or invite", async () => {
    const { org } = await makeOrg(h.db);
    const viewer = await addMember(h.db, org.id, "viewer");
    const caller = await userCaller(h.db, viewer, org.id);
    expect((await caller.orgs.members()).length).toBe(2);
    await expect(caller.orgs.rename({ name: "Nope Inc" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.orgs.invite({ email: "x@example.test", role: "member" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.apiKeys.create({ name: "k", scopes: ["tasks:read"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("invites, accepts with the invited address only, once", async () => {
    const { org, owner } = await makeOrg(h.db);
    const ownerCaller = await userCaller(h.db, owner, org.id);
    const invitee = await makeUser(h.db, "invitee");
    const inv = await ownerCaller.orgs.invite({ email: invitee.email.toUpperCase(), role: "admin" });
    expect(inv.link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
    const token = inv.link.split("/").pop()!;
    expect((await anonymousCaller(h.db).orgs.describeInvitation({ token })).role).toBe("admin");

    const stranger = await makeUser(h.db, "stranger");
    await expect((await userCaller(h.db, stranger, null)).orgs.acceptInvitation({ token })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const inviteeCaller = await userCaller(h.db, invitee, null);
    expect(await inviteeCaller.orgs.acceptInvitation({ token })).toMatchObject({ organizationId: org.id, role: "admin" });
    await expect(inviteeCaller.orgs.acceptInvitation({ token })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const mine = await inviteeCaller.orgs.mine();
    expect(mine.organizations.map((o) => o.id)).toContain(org.id);
  });

  it("never lets the last owner leave or be demoted; an admin cannot touch owners", async () => {
    const { org, owner } = await makeOrg(h.db);
    const ownerCaller = await userCaller(h.db, owner, org.id);
    await expect(ownerCaller.orgs.changeRole({ userId: owner.id, role: "admin" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(ownerCaller.orgs.leave()).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

    const admin = await addMember(h.db, org.id, "admin");
    const adminCaller = await userCaller(h.db, admin, org.id);
    await expect(adminCaller.orgs.changeRole({ userId: owner.id, role: "member" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(adminCaller.orgs.changeRole({ userId: admin.id, role: "owner" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await ownerCaller.orgs.changeRole({ userId: admin.id, role: "owner" });
    await ownerCaller.orgs.leave();
    const left = await h.db.select().from(memberships).where(eq(memberships.userId, owner.id));
    expect(left).toHaveLength(0);
  });

  it("keeps an owner when two owners demote each other or leave at the same moment", async () => {
    for (let round = 0; round < 4; round++) {
      const { org, owner } = await makeOrg(h.db);
      const second = await addMember(h.db, org.id, "owner");
      const a = await userCaller(h.db, owner, org.id);
      const b = await userCaller(h.db, second, org.id);
      const race = round % 2 ? [a.orgs.changeRole({ userId: second.id, role: "member" }), b.orgs.changeRole({ userId: owner.id, role: "member" })] : [a.orgs.leave(), b.orgs.leave()];
      const results = await Promise.allSettled(race);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "PRECONDITION_FAILED" });
      const owners = (await h.db.select().from(memberships).where(eq(memberships.organizationId, org.id))).filter((m) => m.role === "owner");
      expect(owners).toHaveLength(1);
    }
  });

  it("isolates tenants: another organization's member cannot be changed or removed", async () => {
    const a = await makeOrg(h.db, "A");
    const b = await makeOrg(h.db, "B");
    const memberOfB = await addMember(h.db, b.org.id, "member");
    const aCaller = await userCaller(h.db, a.owner, a.org.id);
    await expect(aCaller.orgs.changeRole({ userId: memberOfB.id, role: "viewer" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(aCaller.orgs.removeMember({ userId: memberOfB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await aCaller.orgs.members()).map((m) => m.userId)).not.toContain(memberOfB.id);
    await expect(aCaller.orgs.switch({ orgId: b.org.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses anonymous callers", async () => {
    await expect(anonymousCaller(h.db).orgs.members()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
