// Webhook agents: the platform POSTs a task, signed with the agent's secret (HMAC-SHA256 over
// `timestamp.body`, in `x-cmp-signature: t=<unix seconds>,v1=<hex>`), only to addresses that are
// not loopback, private or link-local unless configuration allows them (SSRF).
import { createHmac, timingSafeEqual } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "@/server/errors";

export const SIGNATURE_HEADER = "x-cmp-signature";

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export function signatureHeader(secret: string, body: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${signWebhook(secret, t, body)}`;
}

/** What a receiver does: recompute the HMAC and refuse stale timestamps (default 5 minutes). */
export function verifyWebhookSignature(secret: string, header: string | null, body: string, opts: { toleranceSeconds?: number; now?: number } = {}): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || !parts.v1) return false;
  if (Math.abs((opts.now ?? Date.now()) / 1000 - t) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, t, body), "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split(".").map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith("::ffff:")) return isPrivateAddress(v6.slice(7));
  return v6 === "::1" || v6 === "::" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe80") || v6.startsWith("ff");
}

/** Refuses URLs that resolve to loopback, private, link-local or multicast addresses. */
export async function assertDeliverableUrl(url: string, opts: { allowPrivate: boolean; field?: string }): Promise<void> {
  const field = opts.field ?? "url";
  const refuse = (why: string) => new AppError("BAD_REQUEST", `${field}: ${why}`, { fields: [{ path: field, message: why }] });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw refuse("is not a valid URL");
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw refuse("must be http or https");
  if (u.username || u.password) throw refuse("must not carry credentials");
  if (opts.allowPrivate) return;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await lookup(host, { all: true }).then((r) => r.map((x) => x.address), () => [] as string[]);
  if (!addresses.length) throw refuse(`host ${host} does not resolve`);
  if (addresses.some(isPrivateAddress)) throw refuse(`resolves to a loopback or private address (${addresses[0]}); set WEBHOOK_ALLOW_PRIVATE=1 to allow it`);
}

export interface DeliveryResult {
  status: number;
  attempts: number;
}

/**
 * POSTs `payload` to `url`, signed, retrying 5xx, 429 and network errors with exponential
 * backoff. A 4xx other than 408/429 is final. Throws when every attempt failed.
 */
export async function deliverWebhook(
  target: { url: string; secret: string },
  payload: unknown,
  opts: { allowPrivate: boolean; attempts?: number; backoffMs?: number; timeoutMs?: number; headers?: Record<string, string>; fetch?: typeof fetch },
): Promise<DeliveryResult> {
  await assertDeliverableUrl(target.url, { allowPrivate: opts.allowPrivate });
  const body = JSON.stringify(payload);
  const attempts = opts.attempts ?? 3;
  let last = "";
  for (let i = 1; i <= attempts; i++) {
    try {
      const res = await (opts.fetch ?? fetch)(target.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "cloud-mcp-webhooks/1", [SIGNATURE_HEADER]: signatureHeader(target.secret, body), ...opts.headers },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      await res.body?.cancel().catch(() => {});
      if (res.ok) return { status: res.status, attempts: i };
      last = `HTTP ${res.status}`;
      if (res.status < 500 && res.status !== 408 && res.status !== 429) throw new AppError("BAD_REQUEST", `The webhook refused the task: ${last}`);
    } catch (err) {
      if (err instanceof AppError) throw err;
      last = (err as Error).message;
    }
    if (i < attempts) await new Promise((r) => setTimeout(r, (opts.backoffMs ?? 500) * 2 ** (i - 1)));
  }
  throw new Error(`Webhook delivery failed after ${attempts} attempts: ${last}`);
}
