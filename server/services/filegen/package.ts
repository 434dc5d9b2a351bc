// Packaging rendered files: a JSON file list, a deterministic ZIP, or a Git repository with one
// commit laid out for "dumb" HTTP so that stock `git clone` can read it: every object in one
// packfile (with its index, listed in objects/info/packs), so a clone takes a handful of requests.
import git from "isomorphic-git";
import { zipFiles } from "./archive.mjs";
import type { RenderedFile } from "./render";

export interface JsonFile {
  path: string;
  size: number;
  sha256: string;
  encoding: "utf8" | "base64";
  content: string;
}

/** What a generation's stored manifest lists; a ZIP's manifest leaves contents in the archive. */
export type ManifestFile = Omit<JsonFile, "content"> & { content?: string };

export function toJsonFiles(files: RenderedFile[]): JsonFile[] {
  return files.map((f) => ({
    path: f.path,
    size: f.bytes.byteLength,
    sha256: f.sha256,
    encoding: f.binary ? "base64" : "utf8",
    content: f.binary ? Buffer.from(f.bytes).toString("base64") : Buffer.from(f.bytes).toString("utf8"),
  }));
}

const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));

/** Same files, same bytes: sorted entries, fixed timestamps and permissions (archive.mjs). */
export async function toZip(files: RenderedFile[]): Promise<Uint8Array> {
  return zipFiles(files);
}

/** A tiny in-memory filesystem for isomorphic-git (the promises API it needs). */
export function memoryFs() {
  const files = new Map<string, Uint8Array>();
  const dirs = new Set<string>(["/"]);
  const norm = (p: string) => ("/" + p).replace(/\/+/g, "/").replace(/\/$/, "") || "/";
  const err = (code: string, p: string) => Object.assign(new Error(`${code}: ${p}`), { code });
  const parent = (p: string) => p.slice(0, p.lastIndexOf("/")) || "/";
  const stat = (p: string) => {
    p = norm(p);
    const now = FIXED_DATE.getTime();
    const base = { mode: 0o100644, size: 0, ino: 0, uid: 1, gid: 1, dev: 1, mtimeMs: now, ctimeMs: now, mtime: FIXED_DATE, ctime: FIXED_DATE };
    if (files.has(p)) return { ...base, size: files.get(p)!.byteLength, type: "file", isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false };
    if (dirs.has(p)) return { ...base, mode: 0o40000, type: "dir", isFile: () => false, isDirectory: () => true, isSymbolicLink: () => false };
    throw err("ENOENT", p);
  };
  const promises = {
    async readFile(p: string, opts?: { encoding?: string } | string) {
      const data = files.get(norm(p));
      if (!data) throw err("ENOENT", p);
      const enc = typeof opts === "string" ? opts : opts?.encoding;
      return enc === "utf8" ? Buffer.from(data).toString("utf8") : Buffer.from(data);
    },
    async writeFile(p: string, data: Uint8Array | string) {
      p = norm(p);
      if (!dirs.has(parent(p))) throw err("ENOENT", p);
      files.set(p, typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data));
    },
    async unlink(p: string) {
      files.delete(norm(p));
    },
    async readdir(p: string) {
      p = norm(p);
      if (!dirs.has(p)) throw err("ENOENT", p);
      const prefix = p === "/" ? "/" : `${p}/`;
      const names = new Set<string>();
      for (const k of [...files.keys(), ...dirs]) if (k.startsWith(prefix) && k !== p) names.add(k.slice(prefix.length).split("/")[0]!);
      return [...names].sort();
    },
    async mkdir(p: string) {
      p = norm(p);
      if (dirs.has(p) || files.has(p)) throw err("EEXIST", p);
      if (!dirs.has(parent(p))) throw err("ENOENT", p);
      dirs.add(p);
    },
    async rmdir(p: string) {
      dirs.delete(norm(p));
    },
    async stat(p: string) {
      return stat(p);
    },
    async lstat(p: string) {
      return stat(p);
    },
    async readlink(p: string) {
      throw err("ENOENT", p);
    },
    async symlink(_t: string, p: string) {
      throw err("EPERM", p);
    },
    async chmod() {},
  };
  return { promises, files, dirs };
}

/**
 * A bare repository with one commit of the files, as a map of path → bytes ready to serve over
 * dumb HTTP (`HEAD`, `info/refs`, `objects/info/packs`, one packfile and its index, `refs/heads/main`).
 */
export async function toGitRepository(files: RenderedFile[], meta: { message: string; author?: { name: string; email: string } }): Promise<Map<string, Uint8Array>> {
  const mem = memoryFs();
  const fs = { promises: mem.promises };
  const dir = "/work";
  await mem.promises.mkdir(dir);
  await git.init({ fs, dir, defaultBranch: "main" });
  for (const f of files) {
    const parts = f.path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const d = `${dir}/${parts.slice(0, i).join("/")}`;
      if (!mem.dirs.has(d)) await mem.promises.mkdir(d);
    }
    await mem.promises.writeFile(`${dir}/${f.path}`, f.bytes);
    await git.add({ fs, dir, filepath: f.path });
  }
  const author = { ...(meta.author ?? { name: "Cloud MCP Platform", email: "generator@cloud-mcp.invalid" }), timestamp: FIXED_DATE.getTime() / 1000, timezoneOffset: 0 };
  const oid = await git.commit({ fs, dir, message: meta.message, author, committer: author });
  const objects = `${dir}/.git/objects/`;
  const oids = [...mem.files.keys()].filter((p) => p.startsWith(objects) && /^[0-9a-f]{2}\/[0-9a-f]{38}$/.test(p.slice(objects.length))).map((p) => p.slice(objects.length).replace("/", "")).sort();
  const { filename, packfile } = await git.packObjects({ fs, dir, oids });
  const pack = `objects/pack/${filename}`;
  if (!mem.dirs.has(`${objects}pack`)) await mem.promises.mkdir(`${objects}pack`);
  await mem.promises.writeFile(`${dir}/.git/${pack}`, packfile!);
  await git.indexPack({ fs, dir, filepath: `.git/${pack}` });
  const idx = pack.replace(/\.pack$/, ".idx");
  return new Map<string, Uint8Array>([
    ["HEAD", Buffer.from("ref: refs/heads/main\n")],
    ["info/refs", Buffer.from(`${oid}\trefs/heads/main\n`)],
    ["objects/info/packs", Buffer.from(`P ${filename}\n\n`)],
    [pack, packfile!],
    [idx, mem.files.get(`${dir}/.git/${idx}`)!],
    ["refs/heads/main", Buffer.from(`${oid}\n`)],
  ]);
}
