import "server-only";
export interface RateLimitResult {
  ok: boolean;
  remaining: number;
  /** Milliseconds until the window resets (when !ok, how long to wait). */
  resetMs: number;
}

/** Fixed-window counter: at most `limit` hits per `windowMs` for a key. */
export interface RateLimiter {
  readonly kind: "memory" | "upstash";
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  /** The key's current count and time left in its window, without counting a hit. */
  peek(key: string): Promise<{ count: number; resetMs: number }>;
  reset(key: string): Promise<void>;
}
