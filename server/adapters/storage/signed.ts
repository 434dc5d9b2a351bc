import "server-only";
// Expiring signed links for downloads and git clones: HMAC-SHA256 over the payload, compared in
// constant time. The token carries its expiry, so no lookup is needed to refuse a stale link.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface SignedPayload {
  /** What the link opens, e.g. `g:<generationId>:zip`. */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export function signToken(payload: SignedPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const mac = createHmac("sha256", secret).update(body).digest("base64url");
  return `${body}.${mac}`;
}

export function verifyToken(token: string, secret: string, now = Date.now()): SignedPayload | null {
  const [body, mac] = token.split(".");
  if (!body || !mac) return null;
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as SignedPayload;
    if (typeof payload.sub !== "string" || typeof payload.exp !== "number" || payload.exp * 1000 < now) return null;
    return payload;
  } catch {
    return null;
  }
}
