import "server-only";
import { env } from "@/server/env";
import { memoryRateLimiter } from "./memory";
import type { RateLimiter } from "./types";
import { upstashRateLimiter } from "./upstash";

export type { RateLimiter, RateLimitResult } from "./types";

const g = globalThis as unknown as { __cmpRateLimiter?: RateLimiter };

/** The configured limiter: Upstash when its URL and token are set, in-memory otherwise. */
export function rateLimiter(): RateLimiter {
  g.__cmpRateLimiter ??=
    env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
      ? upstashRateLimiter({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN })
      : memoryRateLimiter();
  return g.__cmpRateLimiter;
}
