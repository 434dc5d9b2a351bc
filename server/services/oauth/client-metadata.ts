import "server-only";
// Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document, MCP 2025-11-25):
// a client_id that is an https URL names a JSON document describing the client. It is fetched
// through the SSRF-safe fetcher (public addresses only, no redirects, size cap) and kept in a
// bounded cache (client-metadata-cache.ts) for as long as its Cache-Control allows, within limits;
// a document that does not name itself is refused.
import { safeFetch } from "@/server/adapters/http/safe-fetch";
import { logger } from "@/server/logger";
import type { ClientMetadataResult } from "./client-metadata-cache";

const MAX_BYTES = 16 * 1024;

/** Whether a client_id is a metadata-document URL (https with a path; plain http only when private hosts are allowed, for tests). */
export function isMetadataClientId(id: string, allowPrivate: boolean): boolean {
  let u: URL;
  try {
    u = new URL(id);
  } catch {
    return false;
  }
  const schemeOk = u.protocol === "https:" || (allowPrivate && u.protocol === "http:");
  return schemeOk && u.pathname !== "/" && !u.hash && !u.username && !u.password;
}

const str = (v: unknown) => (typeof v === "string" && v.length <= 2048 ? v : undefined);
const strList = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined);

/** The client's registration metadata from its document (undefined: unknown client, it cannot be used), with the response's Cache-Control. */
export async function fetchClientMetadata(url: string, allowPrivate: boolean): Promise<ClientMetadataResult> {
  let cacheControl: string | null = null;
  try {
    const res = await safeFetch(url, { headers: { accept: "application/json" }, readBody: true }, { allowPrivate, field: "client_id", maxBytes: MAX_BYTES, timeoutMs: 5_000 });
    cacheControl = res.headers.get("cache-control");
    const metadata = res.ok ? metadataOf(url, res.body.toString("utf8")) : undefined;
    if (!metadata) logger.info({ clientId: url, status: res.status }, "oauth client metadata document refused");
    return { metadata, cacheControl };
  } catch (err) {
    logger.info({ clientId: url, err: (err as Error).message }, "oauth client metadata document refused");
    return { metadata: undefined, cacheControl };
  }
}

function metadataOf(url: string, body: string): Record<string, unknown> | undefined {
  try {
    const doc = JSON.parse(body) as Record<string, unknown>;
    if (doc.client_id !== url) return undefined;
    const redirectUris = strList(doc.redirect_uris);
    if (!redirectUris?.length) return undefined;
    // Public clients only: a document cannot hold a secret.
    if (doc.client_secret !== undefined) return undefined;
    const auth = str(doc.token_endpoint_auth_method) ?? "none";
    if (auth !== "none") return undefined;
    const native = redirectUris.every((r) => !r.startsWith("https:"));
    return {
      client_id: url,
      client_name: str(doc.client_name) ?? new URL(url).host,
      client_uri: str(doc.client_uri),
      logo_uri: str(doc.logo_uri),
      redirect_uris: redirectUris,
      grant_types: strList(doc.grant_types) ?? ["authorization_code"],
      response_types: strList(doc.response_types) ?? ["code"],
      token_endpoint_auth_method: "none",
      application_type: native ? "native" : "web",
    };
  } catch {
    return undefined;
  }
}
