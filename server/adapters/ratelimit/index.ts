import "server-only";
import { sharedRedis } from "@/server/adapters/redis";
import { memoryRateLimiter } from "./memory";
import type { RateLimiter } from "./types";
import { upstashRateLimiter } from "./upstash";

export type { RateLimiter, RateLimitResult } from "./types";

const g = globalThis as unknown as { __cmpRateLimiter?: RateLimiter };

/** The configured limiter: Upstash when its URL and token are set, in-memory otherwise. */
export function rateLimiter(): RateLimiter {
  if (!g.__cmpRateLimiter) {
    const redis = sharedRedis();
    g.__cmpRateLimiter = redis ? upstashRateLimiter({ redis }) : memoryRateLimiter();
  }
  return g.__cmpRateLimiter;
}
