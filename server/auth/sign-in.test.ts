import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { memoryRateLimiter } from "@/server/adapters/ratelimit/memory";
import { listMyOrganizations } from "@/server/services/orgs/organizations";
import { signUp } from "@/server/services/users/accounts";
import { hashPassword, verifyPassword } from "./password";
import { attemptSignIn, signInLimits } from "./sign-in";

describe("passwords", () => {
  it("hashes with scrypt and a salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct horsE", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});

describe("sign-up and sign-in", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb("pglite");
  });
  afterAll(() => h.close());

  it("creates the user's own organization and refuses a duplicate email clearly", async () => {
    const { user, orgId } = await signUp(h.db, { name: "Ada", email: "Ada@Example.test", password: "long-password" });
    expect(user.email).toBe("ada@example.test");
    const orgs = await listMyOrganizations(h.db, user.id);
    expect(orgs).toEqual([expect.objectContaining({ id: orgId, role: "owner", name: "Ada's organization" })]);
    await expect(signUp(h.db, { name: "Other", email: "ada@example.test", password: "long-password" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already exists"),
    });
  });

  it("gives the same answer for a wrong password and an unknown account, then rate limits by email", async () => {
    await signUp(h.db, { name: "Bob", email: "bob@example.test", password: "bob-password" });
    const limiter = memoryRateLimiter();
    const deps = { db: h.db, limiter };
    expect(await attemptSignIn(deps, { email: "bob@example.test", password: "bob-password", ip: "1.1.1.1" })).toMatchObject({ ok: true });
    expect(await attemptSignIn(deps, { email: "bob@example.test", password: "wrong", ip: "1.1.1.1" })).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptSignIn(deps, { email: "nobody@example.test", password: "wrong", ip: "1.1.1.1" })).toEqual({ ok: false, reason: "invalid" });
    for (let i = 1; i < signInLimits.perEmail.limit; i++) await attemptSignIn(deps, { email: "bob@example.test", password: "wrong", ip: `2.2.2.${i}` });
    const limited = await attemptSignIn(deps, { email: "bob@example.test", password: "bob-password", ip: "3.3.3.3" });
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("rate limits by IP across emails", async () => {
    const limiter = memoryRateLimiter();
    const deps = { db: h.db, limiter };
    for (let i = 0; i < signInLimits.perIp.limit; i++) await limiter.hit("signin:ip:9.9.9.9", 1_000, 60_000);
    expect(await attemptSignIn(deps, { email: "bob@example.test", password: "bob-password", ip: "9.9.9.9" })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });
});
