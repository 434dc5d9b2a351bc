import "server-only";
// A bounded cache of Client ID Metadata Documents, so an authorization (which looks its client up
// at the authorize, consent and token steps) and the next one from the same client do not fetch
// the document again. How long a document is kept follows its Cache-Control max-age, held between
// a floor (one authorization is never refetched midway, even under no-store) and a ceiling (a
// changed document is seen within a day); without one, five minutes. A failed or refused fetch is
// kept only briefly, so a fixed document works again soon and a bad one is not fetched in a loop.
// Least recently used entries go first past `max`; lookups of one URL in flight share one fetch.

export interface ClientMetadataResult {
  /** The registration metadata, or undefined when the document cannot be used (unknown client). */
  metadata: Record<string, unknown> | undefined;
  /** The response's Cache-Control, when there was a response. */
  cacheControl?: string | null;
}

export interface ClientMetadataCacheOptions {
  max?: number;
  defaultTtlMs?: number;
  minTtlMs?: number;
  maxTtlMs?: number;
  failureTtlMs?: number;
  now?: () => number;
}

interface Entry {
  value: Promise<Record<string, unknown> | undefined>;
  expiresAt: number;
}

export class ClientMetadataCache {
  private readonly entries = new Map<string, Entry>();
  private readonly max: number;
  private readonly defaultTtlMs: number;
  private readonly minTtlMs: number;
  private readonly maxTtlMs: number;
  private readonly failureTtlMs: number;
  private readonly now: () => number;

  constructor(opts: ClientMetadataCacheOptions = {}) {
    this.max = opts.max ?? 500;
    this.defaultTtlMs = opts.defaultTtlMs ?? 5 * 60_000;
    this.minTtlMs = opts.minTtlMs ?? 60_000;
    this.maxTtlMs = opts.maxTtlMs ?? 24 * 3_600_000;
    this.failureTtlMs = opts.failureTtlMs ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The document's metadata for `url`: from the cache while fresh, else from `load`. */
  get(url: string, load: () => Promise<ClientMetadataResult>): Promise<Record<string, unknown> | undefined> {
    const hit = this.entries.get(url);
    if (hit && hit.expiresAt > this.now()) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.entries.delete(url);
      this.entries.set(url, hit);
      return hit.value;
    }
    const entry: Entry = { value: Promise.resolve(undefined), expiresAt: Number.POSITIVE_INFINITY };
    entry.value = load().then(
      (r) => {
        entry.expiresAt = this.now() + this.ttlOf(r);
        return r.metadata;
      },
      () => {
        entry.expiresAt = this.now() + this.failureTtlMs;
        return undefined;
      },
    );
    this.entries.delete(url);
    this.entries.set(url, entry);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return entry.value;
  }

  private ttlOf(r: ClientMetadataResult): number {
    if (!r.metadata) return this.failureTtlMs;
    const maxAge = maxAgeMs(r.cacheControl);
    return Math.min(this.maxTtlMs, Math.max(this.minTtlMs, maxAge ?? this.defaultTtlMs));
  }
}

/** max-age from a Cache-Control header in ms (no-store and no-cache read as 0); null when it says nothing. */
export function maxAgeMs(cacheControl: string | null | undefined): number | null {
  if (!cacheControl) return null;
  const directives = cacheControl.toLowerCase().split(",").map((d) => d.trim());
  if (directives.some((d) => d === "no-store" || d === "no-cache")) return 0;
  const m = directives.map((d) => /^max-age="?(\d+)"?$/.exec(d)).find(Boolean);
  return m ? Number(m[1]) * 1000 : null;
}
