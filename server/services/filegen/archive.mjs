// ZIP archives of rendered files, in plain JavaScript so the render worker (render-worker.mjs)
// builds them next to the rendering and the main thread reads them back. Deterministic: entries
// sorted by path, a fixed timestamp, 0644 permissions, deflate level 6 (fflate). Each file is
// compressed as it is added, so a large output is held compressed, not whole.
import { Buffer } from "node:buffer";
import { crc32 } from "node:zlib";
import { deflateSync, Unzip, UnzipInflate, Zip } from "fflate";

const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));
// Unix (os 3) regular file, rw-r--r--, in the high 16 bits of the external attributes.
const ATTRS = (0o100644 << 16) >>> 0;

/**
 * One file compressed for an archive: what `zipWriter().addEntry` takes. A worker rendering part
 * of a large job makes these, and the job's archive is put together from every part's entries.
 * @param {string} path @param {Uint8Array} bytes
 */
export const zipEntry = (path, bytes) => ({ path, size: bytes.byteLength, crc: crc32(bytes) >>> 0, data: deflateSync(bytes, { level: 6 }) });

/** Collects files one at a time (compressed at once); `finish()` writes the archive. */
export function zipWriter() {
  /** @type {{ path: string, size: number, crc: number, data: Uint8Array }[]} */
  const entries = [];
  return {
    /** @param {string} path @param {Uint8Array} bytes */
    add(path, bytes) {
      entries.push(zipEntry(path, bytes));
    },
    /** An entry zipEntry made (elsewhere). */
    addEntry(entry) {
      entries.push(entry);
    },
    /** @returns {Uint8Array} */
    finish() {
      entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const chunks = [];
      const zip = new Zip((err, chunk) => {
        if (err) throw err;
        chunks.push(chunk);
      });
      for (const e of entries) {
        // An fflate input stream whose one chunk is already deflated.
        const file = { filename: e.path, size: e.size, crc: e.crc, compression: 8, mtime: FIXED_DATE, os: 3, attrs: ATTRS };
        zip.add(file);
        file.ondata(null, e.data, true);
      }
      zip.end();
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.byteLength;
      }
      return out;
    },
  };
}

/** @param {{ path: string, bytes: Uint8Array }[]} files */
export function zipFiles(files) {
  const w = zipWriter();
  for (const f of files) w.add(f.path, f.bytes);
  return w.finish();
}

/** The entries of an archive zipFiles wrote, by path (into a Map: `__proto__` is a path like any other). */
export function unzipFiles(archive) {
  /** @type {Map<string, Uint8Array>} */
  const out = new Map();
  const unzip = new Unzip((file) => {
    const chunks = [];
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      chunks.push(chunk);
      if (final) out.set(file.name, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.push(archive, true);
  return out;
}
