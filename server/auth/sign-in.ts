import "server-only";
// Email + password sign-in. Every failure looks the same to the caller (no account enumeration).
// Throttling (OWASP ASVS 2.2.1) without letting a stranger lock the owner out:
// - per source address: at most `perIp.limit` attempts per window, whatever the account;
// - per account *and* source: after `freeFailures` wrong passwords from one address, each further
//   failure makes that address wait twice as long (1 s, 2 s, 4 s … up to `maxDelayMs`) before
//   trying that account again. Failures from elsewhere never delay the owner's own address, and
//   nothing is a hard lock: the delay ends by itself. The source address comes from the socket,
//   or from X-Forwarded-For only when the peer is in TRUSTED_PROXIES (scripts/serve.mjs).
import type { DbOrTx } from "@/db/client";
import type { User } from "@/db/schema";
import type { RateLimiter } from "@/server/adapters/ratelimit";
import { authenticate, normalizeEmail } from "@/server/services/users/accounts";

export const signInLimits = {
  perIp: { limit: 30, windowMs: 10 * 60_000 },
  perAccountSource: { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, memoryMs: 60 * 60_000 },
};

export type SignInOutcome = { ok: true; user: User } | { ok: false; reason: "invalid" | "rate_limited"; retryAfterMs?: number };

/**
 * Whether this address's next sign-in would be refused by the per-address limit, counting nothing.
 * Sign-up asks first: an account created whose automatic sign-in is then refused would leave the
 * person with an account they cannot enter yet and an e-mail address "already taken".
 */
export async function signInThrottled(limiter: RateLimiter, ip: string | null, perIpLimit = signInLimits.perIp.limit): Promise<{ throttled: boolean; retryAfterMs: number }> {
  const { count, resetMs } = await limiter.peek(`signin:ip:${ip ?? "unknown"}`);
  return { throttled: count >= perIpLimit, retryAfterMs: resetMs };
}

export async function attemptSignIn(
  deps: { db: DbOrTx; limiter: RateLimiter; perIpLimit?: number },
  input: { email: string; password: string; ip: string | null },
): Promise<SignInOutcome> {
  const email = normalizeEmail(input.email);
  const source = input.ip ?? "unknown";
  const failKey = `signin:fail:${email}|${source}`;
  const waitKey = `signin:wait:${email}|${source}`;
  const { perAccountSource: acct } = signInLimits;
  const perIp = { ...signInLimits.perIp, limit: deps.perIpLimit ?? signInLimits.perIp.limit };
  const [byIp, waiting] = await Promise.all([deps.limiter.hit(`signin:ip:${source}`, perIp.limit, perIp.windowMs), deps.limiter.peek(waitKey)]);
  if (!byIp.ok) return { ok: false, reason: "rate_limited", retryAfterMs: byIp.resetMs };
  if (waiting.count > 0) return { ok: false, reason: "rate_limited", retryAfterMs: waiting.resetMs };
  const user = await authenticate(deps.db, email, input.password);
  if (!user) {
    const failures = await deps.limiter.hit(failKey, Number.MAX_SAFE_INTEGER, acct.memoryMs);
    const count = Number.MAX_SAFE_INTEGER - failures.remaining;
    if (count >= acct.freeFailures) {
      const delay = Math.min(acct.baseDelayMs * 2 ** (count - acct.freeFailures), acct.maxDelayMs);
      await deps.limiter.hit(waitKey, 0, delay);
    }
    return { ok: false, reason: "invalid" };
  }
  // A successful sign-in forgets this address's failures for the account.
  await Promise.all([deps.limiter.reset(failKey), deps.limiter.reset(waitKey)]);
  return { ok: true, user };
}
