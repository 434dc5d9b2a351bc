// Git repositories of rendered files, in plain JavaScript so the render worker builds them next to
// the rendering: blobs are written as each file renders (its bytes then dropped), trees and one
// commit at the end, and every object packed into one packfile with its index, laid out for
// "dumb" HTTP (HEAD, info/refs, objects/info/packs, refs/heads/main) so that stock `git clone`
// takes a handful of requests. Also the tiny in-memory filesystem isomorphic-git works on.
import { Buffer } from "node:buffer";
import git from "isomorphic-git";

const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));
const GITDIR = "/repo.git";

/** A tiny in-memory filesystem for isomorphic-git (the promises API it needs). */
export function memoryFs() {
  /** @type {Map<string, Uint8Array>} */
  const files = new Map();
  const dirs = new Set(["/"]);
  const norm = (p) => ("/" + p).replace(/\/+/g, "/").replace(/\/$/, "") || "/";
  const err = (code, p) => Object.assign(new Error(`${code}: ${p}`), { code });
  const parent = (p) => p.slice(0, p.lastIndexOf("/")) || "/";
  const stat = (p) => {
    p = norm(p);
    const now = FIXED_DATE.getTime();
    const base = { mode: 0o100644, size: 0, ino: 0, uid: 1, gid: 1, dev: 1, mtimeMs: now, ctimeMs: now, mtime: FIXED_DATE, ctime: FIXED_DATE };
    if (files.has(p)) return { ...base, size: files.get(p).byteLength, type: "file", isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false };
    if (dirs.has(p)) return { ...base, mode: 0o40000, type: "dir", isFile: () => false, isDirectory: () => true, isSymbolicLink: () => false };
    throw err("ENOENT", p);
  };
  const mkdirs = (p) => {
    const parts = norm(p).split("/").filter(Boolean);
    for (let i = 1; i <= parts.length; i++) dirs.add(`/${parts.slice(0, i).join("/")}`);
  };
  const promises = {
    async readFile(p, opts) {
      const data = files.get(norm(p));
      if (!data) throw err("ENOENT", p);
      const enc = typeof opts === "string" ? opts : opts?.encoding;
      return enc === "utf8" ? Buffer.from(data).toString("utf8") : Buffer.from(data);
    },
    async writeFile(p, data) {
      p = norm(p);
      if (!dirs.has(parent(p))) throw err("ENOENT", p);
      files.set(p, typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data));
    },
    async unlink(p) {
      files.delete(norm(p));
    },
    async readdir(p) {
      p = norm(p);
      if (!dirs.has(p)) throw err("ENOENT", p);
      const prefix = p === "/" ? "/" : `${p}/`;
      const names = new Set();
      for (const k of [...files.keys(), ...dirs]) if (k.startsWith(prefix) && k !== p) names.add(k.slice(prefix.length).split("/")[0]);
      return [...names].sort();
    },
    async mkdir(p) {
      p = norm(p);
      if (dirs.has(p) || files.has(p)) throw err("EEXIST", p);
      if (!dirs.has(parent(p))) throw err("ENOENT", p);
      dirs.add(p);
    },
    async rmdir(p) {
      dirs.delete(norm(p));
    },
    stat: async (p) => stat(p),
    lstat: async (p) => stat(p),
    async readlink(p) {
      throw err("ENOENT", p);
    },
    async symlink(_t, p) {
      throw err("EPERM", p);
    },
    async chmod() {},
  };
  return { promises, files, dirs, mkdirs };
}

/** Writes blobs as files arrive; `finish(meta)` writes the trees, the commit and the pack. */
export function gitWriter() {
  const mem = memoryFs();
  const fs = { promises: mem.promises };
  const ready = git.init({ fs, gitdir: GITDIR, bare: true, defaultBranch: "main" });
  /** @type {Promise<unknown>} */
  let chain = ready;
  /** @type {{ path: string, oid: string }[]} */
  const blobs = [];
  return {
    /** @param {string} path @param {Uint8Array} bytes */
    add(path, bytes) {
      chain = chain.then(async () => blobs.push({ path, oid: await git.writeBlob({ fs, gitdir: GITDIR, blob: bytes }) }));
    },
    /** @param {{ message: string, date?: number, author?: { name: string, email: string } }} meta (`date`: ms since the epoch; a fixed date without) @returns {Promise<Map<string, Uint8Array>>} */
    async finish(meta) {
      await chain;
      const root = new Map();
      for (const b of blobs) {
        const parts = b.path.split("/");
        let dir = root;
        for (const name of parts.slice(0, -1)) {
          if (!dir.has(name)) dir.set(name, new Map());
          dir = dir.get(name);
        }
        dir.set(parts.at(-1), b.oid);
      }
      const writeTree = async (dir) => {
        const tree = [];
        for (const [path, v] of dir) {
          if (typeof v === "string") tree.push({ mode: "100644", path, oid: v, type: "blob" });
          else tree.push({ mode: "040000", path, oid: await writeTree(v), type: "tree" });
        }
        return git.writeTree({ fs, gitdir: GITDIR, tree });
      };
      const tree = await writeTree(root);
      const author = { ...(meta.author ?? { name: "Cloud MCP Platform", email: "generator@cloud-mcp.invalid" }), timestamp: Math.floor((meta.date ?? FIXED_DATE.getTime()) / 1000), timezoneOffset: 0 };
      const oid = await git.writeCommit({ fs, gitdir: GITDIR, commit: { message: `${meta.message.trimEnd()}\n`, tree, parent: [], author, committer: author } });
      const objects = `${GITDIR}/objects/`;
      const oids = [...mem.files.keys()].filter((p) => p.startsWith(objects) && /^[0-9a-f]{2}\/[0-9a-f]{38}$/.test(p.slice(objects.length))).map((p) => p.slice(objects.length).replace("/", "")).sort();
      const { filename, packfile } = await git.packObjects({ fs, gitdir: GITDIR, oids });
      const pack = `objects/pack/${filename}`;
      mem.mkdirs(`${objects}pack`);
      await mem.promises.writeFile(`${GITDIR}/${pack}`, packfile);
      await git.indexPack({ fs, dir: GITDIR, gitdir: GITDIR, filepath: pack });
      const idx = pack.replace(/\.pack$/, ".idx");
      return new Map([
        ["HEAD", Buffer.from("ref: refs/heads/main\n")],
        ["info/refs", Buffer.from(`${oid}\trefs/heads/main\n`)],
        ["objects/info/packs", Buffer.from(`P ${filename}\n\n`)],
        [pack, packfile],
        [idx, mem.files.get(`${GITDIR}/${idx}`)],
        ["refs/heads/main", Buffer.from(`${oid}\n`)],
      ]);
    },
  };
}

/** A repository gitWriter made, as an isomorphic-git filesystem with its gitdir. */
export function loadRepository(repo) {
  const mem = memoryFs();
  for (const [rel, bytes] of repo) {
    const at = `${GITDIR}/${rel}`;
    mem.mkdirs(at.slice(0, at.lastIndexOf("/")));
    mem.files.set(at, bytes);
  }
  return { fs: { promises: mem.promises }, gitdir: GITDIR, mem };
}

/** The files of a repository's main branch, by path. */
export async function repositoryFiles(repo) {
  const { fs, gitdir } = loadRepository(repo);
  const cache = {};
  const out = new Map();
  for (const filepath of await git.listFiles({ fs, gitdir, ref: "main", cache })) {
    out.set(filepath, (await git.readBlob({ fs, gitdir, oid: await git.resolveRef({ fs, gitdir, ref: "main" }), filepath, cache })).blob);
  }
  return out;
}
