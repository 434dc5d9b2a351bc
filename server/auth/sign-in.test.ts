import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { memoryRateLimiter } from "@/server/adapters/ratelimit/memory";
import { listMyOrganizations } from "@/server/services/orgs/organizations";
import { signUp } from "@/server/services/users/accounts";
import { hashPassword, verifyPassword } from "./password";
import { attemptSignIn, signInLimits, signInThrottled } from "./sign-in";

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

  it("gives the same answer for a wrong password and an unknown account", async () => {
    await signUp(h.db, { name: "Bob", email: "bob@example.test", password: "bob-password" });
    const deps = { db: h.db, limiter: memoryRateLimiter() };
    expect(await attemptSignIn(deps, { email: "bob@example.test", password: "bob-password", ip: "1.1.1.1" })).toMatchObject({ ok: true });
    expect(await attemptSignIn(deps, { email: "bob@example.test", password: "wrong", ip: "1.1.1.1" })).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptSignIn(deps, { email: "nobody@example.test", password: "wrong", ip: "1.1.1.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows the failing source with a growing delay, never locking the owner out from elsewhere", async () => {
    let t = 1_000_000;
    const deps = { db: h.db, limiter: memoryRateLimiter(() => t) };
    const { freeFailures } = signInLimits.perAccountSource;
    // A stranger guesses far past the old hard-lock threshold (10) from one address…
    for (let i = 0; i < freeFailures; i++) await attemptSignIn(deps, { email: "bob@example.test", password: "guess", ip: "6.6.6.6" });
    const first = await attemptSignIn(deps, { email: "bob@example.test", password: "guess", ip: "6.6.6.6" });
    expect(first).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(first.ok === false && first.retryAfterMs).toBeLessThanOrEqual(1_000);
    // …and after each wait, one more failure doubles it.
    t += 1_001;
    expect(await attemptSignIn(deps, { email: "bob@example.test", password: "guess", ip: "6.6.6.6" })).toEqual({ ok: false, reason: "invalid" });
    const second = await attemptSignIn(deps, { email: "bob@example.test", password: "guess", ip: "6.6.6.6" });
    expect(second.ok === false && second.retryAfterMs).toBeGreaterThan(1_000);
    for (let i = 0; i < 12; i++) await attemptSignIn(deps, { email: "bob@example.test", password: "guess", ip: "6.6.6.6" });
    // The owner, from their own address, signs in at once: failures elsewhere never lock them out.
    expect(await attemptSignIn(deps, { email: "bob@example.test", password: "bob-password", ip: "1.1.1.1" })).toMatchObject({ ok: true });
    // Once the delay has passed, the stranger's address is not locked either (no hard lock).
    t += 5_000;
    expect(await attemptSignIn(deps, { email: "bob@example.test", password: "bob-password", ip: "6.6.6.6" })).toMatchObject({ ok: true });
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

  it("tells sign-up, without counting an attempt, when the address is at its limit (so no account is made that cannot sign in)", async () => {
    const limiter = memoryRateLimiter();
    for (let i = 0; i < 3; i++) {
      expect(await signInThrottled(limiter, "8.8.4.4", 3)).toMatchObject({ throttled: false });
      await attemptSignIn({ db: h.db, limiter, perIpLimit: 3 }, { email: "nobody@example.test", password: "wrong-password", ip: "8.8.4.4" });
    }
    const after = await signInThrottled(limiter, "8.8.4.4", 3);
    expect(after.throttled).toBe(true);
    expect(after.retryAfterMs).toBeGreaterThan(0);
    expect(await signInThrottled(limiter, "8.8.8.8", 3)).toMatchObject({ throttled: false });
  });
});
