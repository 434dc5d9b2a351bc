import "server-only";
// Where to go after signing in: only a path on this app. Anything that a browser could read as
// another host — `//evil`, `/\evil`, encoded or with control characters — falls back.
const PLACEHOLDER_ORIGIN = "http://app.invalid";

export function safeNextPath(value: unknown, fallback = "/tasks"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2048) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  for (const v of [value, decoded]) {
    // eslint-disable-next-line no-control-regex
    if (v.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(v)) return fallback;
  }
  const url = new URL(value, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The invitation token when the destination is an invitation's page (`/invite/<token>`), else null. */
export function invitationTokenOf(next: string): string | null {
  return next.match(/^\/invite\/([A-Za-z0-9_-]+)$/)?.[1] ?? null;
}
