// Parsed templates per template version, kept by each render worker: versions never change, so a
// version's sources are parsed once and later generations only render. A bounded LRU — at most
// MAX_VERSIONS versions and MAX_CHARS source characters — so a worker's heap stays within budget:
// parsed Liquid weighs about 9–20 bytes per source character, so 4 M characters ≈ 40–80 MB of a
// worker's RENDER_MEMORY_MB (256 by default). A version over half of that is not cached at all.
const MAX_VERSIONS = 64;
const MAX_CHARS = 4 * 1024 * 1024;

/** @type {Map<string, { chars: number, parsed: Map<string, unknown> }>} */
const versions = new Map();
let chars = 0;

/** The cache of one version (made empty on first use); `sourceChars` is what its sources weigh. */
export function versionCache(key, sourceChars) {
  if (sourceChars > MAX_CHARS / 2) return undefined;
  let entry = versions.get(key);
  if (entry) {
    versions.delete(key);
    versions.set(key, entry);
    return entry.parsed;
  }
  entry = { chars: sourceChars, parsed: new Map() };
  versions.set(key, entry);
  chars += sourceChars;
  for (const [k, e] of versions) {
    if (versions.size <= MAX_VERSIONS && chars <= MAX_CHARS) break;
    if (k === key) continue;
    versions.delete(k);
    chars -= e.chars;
  }
  return entry.parsed;
}

/** Parsed once per slot: `parse(source)` runs only when the slot is not yet cached (a parse error is not). */
export function cachedParse(cache, slot, source, parse) {
  if (!cache) return parse(source);
  let t = cache.get(slot);
  if (t === undefined) {
    t = parse(source);
    cache.set(slot, t);
  }
  return t;
}

/** For tests: versions held. */
export const cachedVersions = () => versions.size;
