import "server-only";
// Serving stored outputs behind expiring signed links: `/api/files/<token>` for downloads and
// `/api/git/<token>/<name>.git/...` for `git clone` over dumb HTTP. A link names a generation and
// an output; its key in storage derives from them, so no database lookup is needed.
import { isUuid } from "@/server/schemas/common";
import type { ServiceDeps } from "../context";
import { readRepositoryFile } from "./repo-store";

/** What serving a link needs: where outputs are stored and the signer that made the link. */
export type DownloadDeps = Pick<ServiceDeps, "storage" | "signer" | "clock">;

const outputs = {
  zip: { file: "output.zip", type: "application/zip", name: (id: string) => `generation-${id.slice(0, 8)}.zip` },
  manifest: { file: "files.json", type: "application/json", name: (id: string) => `generation-${id.slice(0, 8)}-files.json` },
  git: { file: "git", type: "application/octet-stream", name: (id: string) => `generation-${id.slice(0, 8)}.git` },
} as const;
type Output = keyof typeof outputs;

function openLink(deps: DownloadDeps, token: string): { id: string; output: Output } | null {
  const [kind, id, output] = deps.signer.open(token)?.split(":") ?? [];
  if (kind !== "g" || !id || !isUuid(id) || !output || !Object.hasOwn(outputs, output)) return null;
  return { id, output: output as Output };
}

const gone = () => new Response("This link is invalid or has expired. Ask for the generation again to get a fresh one.\n", { status: 404, headers: { "content-type": "text/plain" } });

export async function serveDownload(deps: DownloadDeps, token: string): Promise<Response> {
  const link = openLink(deps, token);
  if (!link || link.output === "git") return gone();
  const o = outputs[link.output];
  const bytes = await deps.storage.get(`generations/${link.id}/${o.file}`);
  if (!bytes) return gone();
  return new Response(Buffer.from(bytes), {
    headers: {
      "content-type": o.type,
      "content-length": String(bytes.byteLength),
      "content-disposition": `attachment; filename="${o.name(link.id)}"`,
      "cache-control": "private, max-age=300",
    },
  });
}

const gitType = (rel: string) =>
  rel.endsWith(".pack") ? "application/x-git-packed-objects" : rel.endsWith(".idx") ? "application/x-git-packed-objects-toc" : rel.startsWith("objects/") && !rel.startsWith("objects/info/") ? "application/x-git-loose-object" : "text/plain";

export async function serveGit(deps: DownloadDeps, token: string, path: string[]): Promise<Response> {
  const link = openLink(deps, token);
  if (!link || link.output !== "git") return gone();
  // path[0] is the repository's display name (`<template-slug>-xxxx.git`); the rest is the file.
  const rel = path.slice(1).join("/");
  // Only the repository's own files (never `constructor`, `..` or a loose object): else not found.
  const bytes = await readRepositoryFile(deps.storage, link.id, rel);
  if (!bytes) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": gitType(rel), "content-length": String(bytes.byteLength), "cache-control": "no-cache" } });
}
