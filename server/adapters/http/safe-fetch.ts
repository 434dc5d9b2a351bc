import "server-only";
// The one way the platform fetches a user-supplied URL (webhooks, agent cards, git push, and
// later OAuth client metadata documents). It resolves the host, refuses any address that is not
// global unicast, and connects only to the addresses it checked (undici's connect-time lookup),
// so DNS rebinding between check and connect is impossible. Redirects are not followed; bodies
// are read up to a byte cap; errors are in our words, never the remote's body.
import { lookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { AppError } from "@/server/errors";
import { isPublicAddress } from "./address-policy";
import { SpanKind } from "@opentelemetry/api";
import { traceHeaders, withSpan } from "../tracing";

export interface SafeFetchOptions {
  /** Allow loopback/private targets (WEBHOOK_ALLOW_PRIVATE): development and tests only. */
  allowPrivate: boolean;
  /** The input field the URL came from, named in errors. */
  field?: string;
  timeoutMs?: number;
  /** Largest response body read, in bytes. */
  maxBytes?: number;
}

const refuse = (field: string, why: string) => new AppError("BAD_REQUEST", `${field}: ${why}`, { fields: [{ path: field, message: why }] });

/** Parses and checks a URL; returns the addresses its host resolves to (all checked). */
export async function checkUrl(url: string, opts: SafeFetchOptions): Promise<{ url: URL; addresses: string[] }> {
  const field = opts.field ?? "url";
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw refuse(field, "is not a valid URL");
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw refuse(field, "must be http or https");
  if (u.username || u.password) throw refuse(field, "must not carry credentials");
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await lookup(host, { all: true, verbatim: true }).then((r) => r.map((x) => x.address), () => [] as string[]);
  if (!addresses.length) throw refuse(field, `host ${host} does not resolve`);
  if (!opts.allowPrivate) {
    const bad = addresses.find((a) => !isPublicAddress(a));
    if (bad) throw refuse(field, `resolves to a loopback, private or reserved address (${bad}); set WEBHOOK_ALLOW_PRIVATE=1 to allow it`);
  }
  return { url: u, addresses };
}

/** A dispatcher that connects only to `addresses` (already checked), whatever DNS says later. */
function pinnedAgent(addresses: string[]): Agent {
  const pinned: LookupFunction = (_host, options, callback) => {
    const all = addresses.map((address) => ({ address, family: isIP(address) }));
    if ((options as { all?: boolean }).all) (callback as (e: null, a: typeof all) => void)(null, all);
    else callback(null, all[0]!.address, all[0]!.family);
  };
  return new Agent({ connect: { lookup: pinned }, connections: 4 });
}

export interface SafeResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The body, read up to maxBytes (empty when not read). */
  body: Buffer;
}

/** Fetches a user-supplied URL safely (see the module comment). Never follows redirects. */
export function safeFetch(url: string, init: SafeFetchInit, opts: SafeFetchOptions): Promise<SafeResponse> {
  // A client span per outgoing call, its W3C context sent along so the receiver can continue the trace.
  return withSpan(`${init.method ?? "GET"} ${hostOf(url)}`, { "http.request.method": init.method ?? "GET", "server.address": hostOf(url) }, async (span) => {
    const res = await fetchChecked(url, { ...init, headers: { ...traceHeaders(), ...init.headers } }, opts);
    span.setAttribute("http.response.status_code", res.status);
    return res;
  }, SpanKind.CLIENT);
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "invalid-url";
  }
};

type SafeFetchInit = { method?: string; headers?: Record<string, string>; body?: string | Uint8Array; readBody?: boolean };

async function fetchChecked(url: string, init: SafeFetchInit, opts: SafeFetchOptions): Promise<SafeResponse> {
  const field = opts.field ?? "url";
  const { url: u, addresses } = await checkUrl(url, opts);
  const dispatcher = pinnedAgent(addresses);
  try {
    const res = await undiciFetch(u, {
      method: init.method ?? "GET",
      headers: init.headers,
      body: init.body,
      redirect: "manual",
      dispatcher,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {});
      throw refuse(field, `the server answered with a redirect (HTTP ${res.status}), which is not followed`);
    }
    let body = Buffer.alloc(0);
    if (init.readBody && res.body) {
      const max = opts.maxBytes ?? 1024 * 1024;
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of res.body) {
        total += chunk.byteLength;
        if (total > max) {
          await res.body.cancel().catch(() => {});
          throw refuse(field, `the response is larger than ${max} bytes`);
        }
        chunks.push(Buffer.from(chunk));
      }
      body = Buffer.concat(chunks);
    } else await res.body?.cancel().catch(() => {});
    return { status: res.status, ok: res.ok, headers: res.headers as unknown as Headers, body };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as Error & { cause?: { code?: string } };
    const why = e.name === "TimeoutError" ? "the server did not answer in time" : `could not connect (${e.cause?.code ?? "network error"})`;
    // Marked transient: a caller that retries (webhook delivery) may try again; a refusal above is final.
    throw new AppError("BAD_REQUEST", `${field}: ${why}`, { fields: [{ path: field, message: why }], transient: true });
  } finally {
    void dispatcher.close();
  }
}
