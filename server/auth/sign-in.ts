import "server-only";
// Email + password sign-in with rate limits per IP and per email. Every failure looks the same
// to the caller (no account enumeration); a rate-limited attempt says so.
import type { DbOrTx } from "@/db/client";
import type { User } from "@/db/schema";
import type { RateLimiter } from "@/server/adapters/ratelimit";
import { authenticate, normalizeEmail } from "@/server/services/users/accounts";

export const signInLimits = {
  perIp: { limit: 30, windowMs: 10 * 60_000 },
  perEmail: { limit: 10, windowMs: 10 * 60_000 },
};

export type SignInOutcome = { ok: true; user: User } | { ok: false; reason: "invalid" | "rate_limited"; retryAfterMs?: number };

export async function attemptSignIn(
  deps: { db: DbOrTx; limiter: RateLimiter },
  input: { email: string; password: string; ip: string | null },
): Promise<SignInOutcome> {
  const email = normalizeEmail(input.email);
  const [byIp, byEmail] = await Promise.all([
    deps.limiter.hit(`signin:ip:${input.ip ?? "unknown"}`, signInLimits.perIp.limit, signInLimits.perIp.windowMs),
    deps.limiter.hit(`signin:email:${email}`, signInLimits.perEmail.limit, signInLimits.perEmail.windowMs),
  ]);
  if (!byIp.ok || !byEmail.ok) {
    return { ok: false, reason: "rate_limited", retryAfterMs: Math.max(byIp.ok ? 0 : byIp.resetMs, byEmail.ok ? 0 : byEmail.resetMs) };
  }
  const user = await authenticate(deps.db, email, input.password);
  if (!user) return { ok: false, reason: "invalid" };
  // A successful sign-in clears the per-email counter so a typo or two does not linger.
  await deps.limiter.reset(`signin:email:${email}`);
  return { ok: true, user };
}
