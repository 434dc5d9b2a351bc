export interface MemoryFs {
  promises: import("isomorphic-git").PromiseFsClient["promises"];
  files: Map<string, Uint8Array>;
  dirs: Set<string>;
  mkdirs(path: string): void;
}
export function memoryFs(): MemoryFs;
export function gitWriter(): {
  add(path: string, bytes: Uint8Array): void;
  finish(meta: { message: string; author?: { name: string; email: string } }): Promise<Map<string, Uint8Array>>;
};
export function repositoryFiles(repo: Map<string, Uint8Array>): Promise<Map<string, Uint8Array>>;
