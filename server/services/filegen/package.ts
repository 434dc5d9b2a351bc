import "server-only";
// Packaging rendered files: a JSON file list, a deterministic ZIP (archive.mjs), or a Git
// repository with one commit packed for "dumb" HTTP (git-repo.mjs). The workers package
// generations themselves; these serve previews, tests and the main thread.
import { zipFiles } from "./archive.mjs";
import { gitWriter } from "./git-repo.mjs";
import type { RenderedFile } from "./render";

export { memoryFs } from "./git-repo.mjs";

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

/** Same files, same bytes: sorted entries, fixed timestamps and permissions (archive.mjs). */
export async function toZip(files: RenderedFile[]): Promise<Uint8Array> {
  return zipFiles(files);
}

/** A bare repository with one commit of the files, packed for dumb HTTP (git-repo.mjs). */
export async function toGitRepository(files: RenderedFile[], meta: { message: string; author?: { name: string; email: string } }): Promise<Map<string, Uint8Array>> {
  const w = gitWriter();
  for (const f of files) w.add(f.path, f.bytes);
  return w.finish(meta);
}
