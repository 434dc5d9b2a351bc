import "server-only";
// Verified API keys, cached per instance so an agent's every call does not re-read its key and
// its creator's role. Anything that changes what a key may do — a revoke, a role change, a member
// leaving — publishes an invalidation for the organization on the database channel inside its
// transaction; every instance listening drops that organization's keys when it commits (well
// under a second). A process that is not listening (a test, the CLI) does not cache at all, and
// entries expire after 30 s whatever happens, bounding a change made behind the app's back.
import type { DbHandle, DbOrTx } from "@/db/client";
import { TtlCache } from "@/server/adapters/cache/ttl-cache";
import { attachChannel, publish, subscribeChannel } from "@/server/adapters/pubsub/db-channel";

export const KEY_CACHE_CHANNEL = "cmp_key_cache";

export interface CachedKey<V> {
  orgId: string;
  value: V;
  /** When the key's last_used_at was last written, to keep that write to once a minute. */
  lastUsedAt: number | null;
}

export class KeyCache<V> {
  readonly entries = new TtlCache<CachedKey<V>>({ ttlMs: 30_000, maxEntries: 10_000 });
  private listening = false;
  private unsubscribe: (() => void) | null = null;

  /** Caches only while invalidations can arrive. */
  get enabled(): boolean {
    return this.listening;
  }

  async listen(handle: DbHandle): Promise<void> {
    await attachChannel(handle, KEY_CACHE_CHANNEL);
    this.unsubscribe ??= subscribeChannel(KEY_CACHE_CHANNEL, (p) => this.dropOrg((p as { orgId?: string }).orgId));
    this.listening = true;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.listening = false;
    this.entries.clear();
  }

  dropOrg(orgId: string | undefined): void {
    if (orgId) this.entries.deleteWhere((e) => e.orgId === orgId);
  }
}

const g = globalThis as unknown as { __cmpKeyCache?: KeyCache<unknown> };
/** This process's cache (the server attaches it at start-up). */
export const processKeyCache = <V>() => (g.__cmpKeyCache ??= new KeyCache<unknown>()) as KeyCache<V>;

/** Tells every instance that the organization's keys may do less (or nothing) now; local at once. */
export async function invalidateOrgKeys(tx: DbOrTx, orgId: string): Promise<void> {
  processKeyCache().dropOrg(orgId);
  await publish(tx, KEY_CACHE_CHANNEL, { orgId });
}
