import "server-only";
// The configured storage: Vercel Blob when BLOB_READ_WRITE_TOKEN is set, else DATA_DIR/blobs.
import path from "node:path";
import { env } from "@/server/env";
import { localStorage } from "./local";
import type { BlobStorage } from "./types";
import { vercelBlobStorage } from "./vercel-blob";

export type { BlobStorage } from "./types";

const g = globalThis as unknown as { __cmpStorage?: BlobStorage };

export function storage(): BlobStorage {
  g.__cmpStorage ??= env.BLOB_READ_WRITE_TOKEN
    ? vercelBlobStorage({ token: env.BLOB_READ_WRITE_TOKEN })
    : localStorage(path.resolve(env.DATA_DIR, "blobs"));
  return g.__cmpStorage;
}
