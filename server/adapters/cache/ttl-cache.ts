import "server-only";
// A bounded in-process cache (L1): entries expire after their TTL, the oldest go first when it is
// full, and callers drop entries by key or by predicate when an invalidation arrives.
export class TtlCache<V> {
  private entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly opts: { ttlMs: number; maxEntries: number }) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until: Date.now() + this.opts.ttlMs });
  }

  deleteWhere(match: (value: V) => boolean): number {
    let n = 0;
    for (const [k, e] of this.entries) if (match(e.value)) n += Number(this.entries.delete(k));
    return n;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
