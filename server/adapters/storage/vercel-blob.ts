import "server-only";
// Blobs in Vercel Blob, through @vercel/blob (put, head, del); reads fetch the blob's URL.
import { BlobNotFoundError, del, head, put } from "@vercel/blob";
import { assertSafeKey, type BlobStorage } from "./types";

export function vercelBlobStorage(opts: { token: string; prefix?: string; fetch?: typeof fetch }): BlobStorage {
  const name = (key: string) => `${opts.prefix ?? "cmp"}/${assertSafeKey(key)}`;
  const doFetch = opts.fetch ?? fetch;
  const locate = async (key: string) => {
    try {
      return await head(name(key), { token: opts.token });
    } catch (err) {
      if (err instanceof BlobNotFoundError) return null;
      throw err;
    }
  };
  return {
    kind: "vercel-blob",
    async put(key, bytes, contentType) {
      await put(name(key), Buffer.from(bytes), { access: "public", token: opts.token, contentType, addRandomSuffix: false, allowOverwrite: true });
    },
    async get(key) {
      const meta = await locate(key);
      if (!meta) return null;
      const res = await doFetch(meta.url);
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`blob download failed with ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    async exists(key) {
      return (await locate(key)) !== null;
    },
    async delete(key) {
      const meta = await locate(key);
      if (meta) await del(meta.url, { token: opts.token });
    },
  };
}
