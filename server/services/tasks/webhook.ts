import "server-only";
// Webhook agents: the platform POSTs a task, signed with the agent's secret (HMAC-SHA256 over
// `timestamp.body`, in `x-cmp-signature: t=<unix seconds>,v1=<hex>`), only to addresses that are
// not loopback, private or link-local unless configuration allows them (SSRF).
import { createHmac, timingSafeEqual } from "node:crypto";
import { checkUrl, safeFetch } from "@/server/adapters/http/safe-fetch";
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

/** Refuses URLs that resolve to anything but global unicast addresses (see server/adapters/http). */
export async function assertDeliverableUrl(url: string, opts: { allowPrivate: boolean; field?: string }): Promise<void> {
  await checkUrl(url, opts);
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
      const headers = { "content-type": "application/json", "user-agent": "cloud-mcp-webhooks/1", [SIGNATURE_HEADER]: signatureHeader(target.secret, body), ...opts.headers };
      let res: { ok: boolean; status: number };
      if (opts.fetch) {
        res = await opts.fetch(target.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
        await (res as Response).body?.cancel().catch(() => {});
      } else {
        // Pinned to the checked addresses; a redirect is refused (a 3xx is final, never followed).
        res = await safeFetch(target.url, { method: "POST", headers, body }, { allowPrivate: opts.allowPrivate, field: "url", timeoutMs: opts.timeoutMs });
      }
      if (res.ok) return { status: res.status, attempts: i };
      last = `HTTP ${res.status}`;
      if (res.status < 500 && res.status !== 408 && res.status !== 429) throw new AppError("BAD_REQUEST", `The webhook refused the task: ${last}`);
    } catch (err) {
      if (err instanceof AppError && !err.details?.transient) throw err;
      last = (err as Error).message;
    }
    if (i < attempts) await new Promise((r) => setTimeout(r, (opts.backoffMs ?? 500) * 2 ** (i - 1)));
  }
  throw new Error(`Webhook delivery failed after ${attempts} attempts: ${last}`);
}
