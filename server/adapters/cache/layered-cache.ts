import "server-only";
// A cache of database reads in two layers: L1 in this process (TtlCache), L2 in Redis shared by
// every instance when one is configured. Entries belong to a scope (an organization, a user);
// invalidating a scope drops it from L1 at once and makes its L2 entries unreadable (a per-scope
// version in Redis that every L2 entry carries). Invalidations arrive as database notifications
// on CACHE_CHANNEL — written by triggers in the changing transaction (migration 0014), or by
// `publishInvalidation` — so every instance hears only committed changes, from any writer.
//
// A read that overlaps an invalidation never stores what it read: each scope has a generation
// that invalidation bumps, and a load only fills L1 (and L2, by version) if nothing changed while
// it ran. A cache that is not listening (a test, the CLI) reads straight through.
import type { DbHandle, DbOrTx } from "@/db/client";
import type { Redis } from "@/server/adapters/redis";
import { attachChannel, publish, subscribeChannel } from "@/server/adapters/pubsub/db-channel";
import superjson from "superjson";
import { TtlCache } from "./ttl-cache";

export const CACHE_CHANNEL = "cmp_cache";
/** A scope that stands for every scope of a space (a change that touches them all). */
export const ALL_SCOPES = "*";

/** What a notification on CACHE_CHANNEL says: drop `scope` (or all) of `space` (or every space). */
export interface Invalidation {
  space: string;
  scope: string;
}

export interface LayeredCacheOptions {
  /** Names the cache in notifications and in Redis keys. */
  space: string;
  ttlMs: number;
  maxEntries: number;
  /** Prefix of this cache's Redis keys (tests isolate themselves with it). */
  redisPrefix?: string;
}

interface Entry<V> {
  scope: string;
  value: V;
}

// L2: an entry is valid under the version it was stored with — the space's version (bumped by an
// invalidation of all scopes) and its scope's. Read both with the entry at once; store only under
// the version the load started with (a concurrent invalidation moved it on: the value may be stale).
const VERSION = "local v = (redis.call('GET', KEYS[1]) or '0') .. '.' .. (redis.call('GET', KEYS[2]) or '0')";
const READ_L2 = `${VERSION} return {redis.call('GET', KEYS[3]), v}`;
const WRITE_L2 = `${VERSION} if v == ARGV[1] then redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;

export class LayeredCache<V> {
  readonly l1: TtlCache<Entry<V>>;
  private readonly generations = new Map<string, number>();
  private everything = 0;
  private listening = false;
  private unsubscribe: (() => void) | null = null;
  private redis: Redis | null = null;

  constructor(private readonly opts: LayeredCacheOptions) {
    this.l1 = new TtlCache({ ttlMs: opts.ttlMs, maxEntries: opts.maxEntries });
  }

  get space(): string {
    return this.opts.space;
  }

  /** Caches only while invalidations can arrive. */
  get enabled(): boolean {
    return this.listening;
  }

  /** Starts caching, with Redis as L2 when given, once invalidations can reach this instance. */
  async listen(handle: DbHandle, opts: { redis?: Redis | null } = {}): Promise<void> {
    await attachChannel(handle, CACHE_CHANNEL);
    this.redis = opts.redis ?? null;
    this.unsubscribe ??= subscribeChannel(CACHE_CHANNEL, (p) => {
      const { space, scope } = (p ?? {}) as Partial<Invalidation>;
      if ((space === this.opts.space || space === ALL_SCOPES) && typeof scope === "string") void this.invalidate(scope).catch(() => {});
    });
    this.listening = true;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.listening = false;
    this.redis = null;
    this.l1.clear();
  }

  private generation(scope: string): number {
    return this.everything + (this.generations.get(scope) ?? 0);
  }

  private redisKey(kind: "v" | "e", scope: string, key = ""): string {
    return `${this.opts.redisPrefix ?? "cmp:cache:"}${this.opts.space}:${kind}:${scope}${kind === "e" ? `:${key}` : ""}`;
  }

  private l2Keys(scope: string, key: string): string[] {
    return [this.redisKey("v", ALL_SCOPES), this.redisKey("v", scope), this.redisKey("e", scope, key)];
  }

  /** The cached value of `key` in `scope`, else `load()`'s (stored unless the scope changed meanwhile). */
  async read(scope: string, key: string, load: () => Promise<V>): Promise<V> {
    if (!this.listening) return load();
    const id = `${scope}\u0000${key}`;
    const hit = this.l1.get(id);
    if (hit) return hit.value;
    const started = this.generation(scope);
    const redis = this.redis;
    let version = "";
    if (redis) {
      const [raw, v] = (await redis.eval(READ_L2, this.l2Keys(scope, key), [])) as [string | null, string];
      version = v;
      if (raw) {
        const stored = superjson.parse<{ version: string; value: V }>(raw);
        if (stored.version === version) {
          if (this.generation(scope) === started) this.l1.set(id, { scope, value: stored.value });
          return stored.value;
        }
      }
    }
    const value = await load();
    if (this.generation(scope) !== started) return value;
    this.l1.set(id, { scope, value });
    if (redis) {
      await redis.eval(WRITE_L2, this.l2Keys(scope, key), [version, superjson.stringify({ version, value }), String(this.opts.ttlMs)]);
    }
    return value;
  }

  /** Drops `scope` (ALL_SCOPES: everything) here at once, and in L2 for every instance. */
  async invalidate(scope: string): Promise<void> {
    if (scope === ALL_SCOPES) {
      this.everything++;
      this.l1.clear();
    } else {
      this.generations.set(scope, (this.generations.get(scope) ?? 0) + 1);
      this.l1.deleteWhere((e) => e.scope === scope);
    }
    if (this.redis) await this.redis.incr(this.redisKey("v", scope));
  }
}

/** Tells every instance (this one included, once the transaction commits) to drop a scope of a space (or of every space). */
export async function publishInvalidation(tx: DbOrTx, inv: Invalidation): Promise<void> {
  await publish(tx, CACHE_CHANNEL, inv);
}
