import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashBridge } from "@/test/upstash-bridge";
import { memoryRateLimiter } from "./memory";
import type { RateLimiter } from "./types";
import { upstashRateLimiter } from "./upstash";

let bridge: Awaited<ReturnType<typeof startUpstashBridge>>;
const limiters: Record<string, () => RateLimiter> = {
  memory: () => memoryRateLimiter(),
  upstash: () => upstashRateLimiter({ url: bridge.url, token: "test-token", prefix: `t:${randomBytes(4).toString("hex")}:` }),
};

beforeAll(async () => {
  bridge = await startUpstashBridge({ token: "test-token" });
});
afterAll(() => bridge.close());

describe.each(Object.keys(limiters))("%s rate limiter", (kind) => {
  it("allows up to the limit in a window, then refuses with a reset time", async () => {
    const rl = limiters[kind]!();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rl.hit("ip:1", 3, 60_000));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]!.remaining).toBe(0);
    expect(results[3]!.resetMs).toBeGreaterThan(0);
    expect(results[3]!.resetMs).toBeLessThanOrEqual(60_000);
    expect((await rl.hit("ip:2", 3, 60_000)).ok).toBe(true);
    await rl.reset("ip:1");
    expect((await rl.hit("ip:1", 3, 60_000)).ok).toBe(true);
  });

  it("opens a new window when the old one expires", async () => {
    const rl = limiters[kind]!();
    expect((await rl.hit("k", 1, 150)).ok).toBe(true);
    expect((await rl.hit("k", 1, 150)).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect((await rl.hit("k", 1, 150)).ok).toBe(true);
  });

  it("peeks at a window without counting a hit", async () => {
    const rl = limiters[kind]!();
    expect(await rl.peek("p")).toEqual({ count: 0, resetMs: 0 });
    await rl.hit("p", 0, 60_000);
    const seen = await rl.peek("p");
    expect(seen.count).toBe(1);
    expect(seen.resetMs).toBeGreaterThan(0);
    expect((await rl.peek("p")).count).toBe(1);
    await rl.reset("p");
    expect((await rl.peek("p")).count).toBe(0);
  });
});
