import "server-only";
// A generated Git repository in storage: each of its few files (HEAD, info/refs,
// objects/info/packs, refs/heads/main, the pack and its index) as its own blob of raw bytes under
// `generations/<id>/git/`, so a clone's request reads exactly the file it asks for — no base64,
// no JSON, no unpacking of the whole repository per clone. Generations stored before this kept
// one `repo.json` of base64 files; those are still read.
import type { BlobStorage } from "@/server/adapters/storage/types";

/** The files a dumb-HTTP clone may ask for that a repository from git-repo.mjs holds. */
const REPO_FILE = /^(HEAD|info\/refs|objects\/info\/packs|refs\/heads\/main|objects\/pack\/pack-[0-9a-f]{40}\.(pack|idx))$/;

export const repoPrefix = (generationId: string) => `generations/${generationId}/git`;
const legacyKey = (generationId: string) => `generations/${generationId}/repo.json`;

/** Stores the repository's files as they are (raw bytes); returns the output key (its prefix). */
export async function storeRepository(storage: BlobStorage, generationId: string, repo: [string, Uint8Array][]): Promise<string> {
  const prefix = repoPrefix(generationId);
  for (const [rel] of repo) if (!REPO_FILE.test(rel)) throw new Error(`unexpected repository file ${JSON.stringify(rel)}`);
  // HEAD last: a repository whose HEAD is stored is whole.
  const head = repo.filter(([rel]) => rel === "HEAD");
  await Promise.all(repo.filter(([rel]) => rel !== "HEAD").map(([rel, bytes]) => storage.put(`${prefix}/${rel}`, bytes, "application/octet-stream")));
  await Promise.all(head.map(([rel, bytes]) => storage.put(`${prefix}/${rel}`, bytes, "application/octet-stream")));
  return prefix;
}

async function legacyRepository(storage: BlobStorage, generationId: string): Promise<Map<string, Uint8Array> | null> {
  const raw = await storage.get(legacyKey(generationId));
  if (!raw) return null;
  const packed = JSON.parse(Buffer.from(raw).toString("utf8")) as Record<string, string>;
  return new Map(Object.entries(packed).map(([k, b64]) => [k, new Uint8Array(Buffer.from(b64, "base64"))]));
}

/** One file of a stored repository, or null (not a repository file, or not stored). */
export async function readRepositoryFile(storage: BlobStorage, generationId: string, rel: string): Promise<Uint8Array | null> {
  if (!REPO_FILE.test(rel)) return null;
  const bytes = await storage.get(`${repoPrefix(generationId)}/${rel}`);
  if (bytes) return bytes;
  return (await legacyRepository(storage, generationId))?.get(rel) ?? null;
}

/** Every file of a stored repository (for reading its contents or pushing it), or null. */
export async function readRepository(storage: BlobStorage, generationId: string): Promise<Map<string, Uint8Array> | null> {
  const prefix = repoPrefix(generationId);
  const packs = await storage.get(`${prefix}/objects/info/packs`);
  if (!packs) return legacyRepository(storage, generationId);
  const names = Buffer.from(packs).toString("utf8").match(/pack-[0-9a-f]{40}\.pack/g) ?? [];
  const rels = ["HEAD", "info/refs", "objects/info/packs", "refs/heads/main", ...names.flatMap((n) => [`objects/pack/${n}`, `objects/pack/${n.replace(/\.pack$/, ".idx")}`])];
  const out = new Map<string, Uint8Array>();
  await Promise.all(
    rels.map(async (rel) => {
      const bytes = await storage.get(`${prefix}/${rel}`);
      if (bytes) out.set(rel, bytes);
    }),
  );
  return out.has("HEAD") ? out : null;
}
