import "server-only";
/** Where generated outputs live. Keys are relative paths such as `generations/<id>/output.zip`. */
export interface BlobStorage {
  readonly kind: "local" | "vercel-blob";
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertSafeKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.length > 512) throw new Error(`unsafe storage key: ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}
