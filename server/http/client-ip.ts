import "server-only";

/**
 * The caller's address. scripts/serve.mjs has already replaced X-Forwarded-For with the one
 * address it derived from the socket (and TRUSTED_PROXIES), so the header is safe to read here.
 */
export function clientIp(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}
