// ZIP archives of rendered files, in plain JavaScript so the render worker (render-worker.mjs)
// builds them next to the rendering and the main thread reads them back: deterministic (sorted
// entries, a fixed timestamp, 0644 permissions, deflate level 6) with fflate.
import { unzipSync, zipSync } from "fflate";

const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));
// Unix (os 3) regular file, rw-r--r--, in the high 16 bits of the external attributes.
const ENTRY = { level: 6, mtime: FIXED_DATE, os: 3, attrs: (0o100644 << 16) >>> 0 };

/** @param {{ path: string, bytes: Uint8Array }[]} files */
export function zipFiles(files) {
  // No prototype: a path such as `__proto__` is an entry like any other.
  const entries = Object.create(null);
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) entries[f.path] = [f.bytes, ENTRY];
  return zipSync(entries);
}

/** The entries of an archive zipFiles wrote, by path. */
export function unzipFiles(archive) {
  return new Map(Object.entries(unzipSync(archive)));
}
