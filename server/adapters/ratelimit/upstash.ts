import "server-only";
import { makeRedis, type Redis } from "@/server/adapters/redis";
import type { RateLimiter } from "./types";

/** Counters in Upstash Redis (over its REST API), shared by every instance. */
export function upstashRateLimiter(opts: ({ url: string; token: string } | { redis: Redis }) & { prefix?: string }): RateLimiter {
  const redis = "redis" in opts ? opts.redis : makeRedis(opts);
  const prefix = opts.prefix ?? "rl:";
  return {
    kind: "upstash",
    async hit(key, limit, windowMs) {
      const k = prefix + key;
      const [count, ttl] = (await redis.eval(
        "local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return {c, redis.call('PTTL', KEYS[1])}",
        [k],
        [String(windowMs)],
      )) as [number, number];
      return { ok: count <= limit, remaining: Math.max(0, limit - count), resetMs: ttl > 0 ? ttl : windowMs };
    },
    async peek(key) {
      const [count, ttl] = (await redis.eval("return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1])}", [prefix + key], [])) as [number, number];
      return count > 0 && ttl > 0 ? { count, resetMs: ttl } : { count: 0, resetMs: 0 };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
  };
}
