import "server-only";
// The one Redis client seam: Upstash Redis over its REST API when UPSTASH_REDIS_REST_URL and
// _TOKEN are set, shared by every adapter that needs Redis (the rate limiter's counters, the
// caches' L2). Tests build their own client on the Upstash bridge to the machine's real Redis.
import { Redis } from "@upstash/redis";
import { env } from "@/server/env";

/** A client for one Upstash endpoint: values are returned as Redis stores them (strings). */
export function makeRedis(opts: { url: string; token: string }): Redis {
  return new Redis({ url: opts.url, token: opts.token, automaticDeserialization: false, retry: { retries: 2 } });
}

const g = globalThis as unknown as { __cmpRedis?: Redis | null };

/** This process's Redis client, or null when Redis is not configured. */
export function sharedRedis(): Redis | null {
  if (g.__cmpRedis === undefined) {
    g.__cmpRedis = env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN ? makeRedis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN }) : null;
  }
  return g.__cmpRedis;
}

export type { Redis };
