import "server-only";
// Serving stored outputs behind expiring signed links: `/api/files/<token>` for downloads and
// `/api/git/<token>/<name>.git/...` for `git clone` over dumb HTTP. A link names a generation and
// an output; its key in storage derives from them, so no database lookup is needed.
import { isUuid } from "@/server/schemas/common";
import type { ServiceDeps } from "../context";

/** What serving a link needs: where outputs are stored and the signer that made the link. */
export type DownloadDeps = Pick<ServiceDeps, "storage" | "signer" | "clock">;

const outputs = {
  zip: { file: "output.zip", type: "application/zip", name: (id: string) => `generation-${id.slice(0, 8)}.zip` },
  manifest: { file: "files.json", type: "application/json", name: (id: string) => `generation-${id.slice(0, 8)}-files.json` },
  git: { file: "repo.json", type: "application/json", name: (id: string) => `generation-${id.slice(0, 8)}.git` },
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

// Unpacked repositories, kept briefly: a clone asks for many objects in a row.
const repos = new Map<string, { at: number; files: Record<string, string> }>();

async function repoFiles(deps: DownloadDeps, id: string): Promise<Record<string, string> | null> {
  const hit = repos.get(id);
  if (hit && deps.clock() - hit.at < 60_000) return hit.files;
  const raw = await deps.storage.get(`generations/${id}/${outputs.git.file}`);
  if (!raw) return null;
  const files = JSON.parse(Buffer.from(raw).toString("utf8")) as Record<string, string>;
  if (repos.size > 32) repos.delete(repos.keys().next().value!);
  repos.set(id, { at: deps.clock(), files });
  return files;
}

const gitType = (rel: string) =>
  rel.endsWith(".pack") ? "application/x-git-packed-objects" : rel.endsWith(".idx") ? "application/x-git-packed-objects-toc" : rel.startsWith("objects/") && !rel.startsWith("objects/info/") ? "application/x-git-loose-object" : "text/plain";

export async function serveGit(deps: DownloadDeps, token: string, path: string[]): Promise<Response> {
  const link = openLink(deps, token);
  if (!link || link.output !== "git") return gone();
  // path[0] is the repository's display name (`generated-xxxx.git`); the rest is the file.
  const rel = path.slice(1).join("/");
  const files = await repoFiles(deps, link.id);
  // Own keys only: `constructor` or `__proto__` is a missing file, not Object's.
  const b64 = files && Object.hasOwn(files, rel) ? files[rel] : undefined;
  if (typeof b64 !== "string") return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const bytes = Buffer.from(b64, "base64");
  return new Response(bytes, { headers: { "content-type": gitType(rel), "content-length": String(bytes.byteLength), "cache-control": "no-cache" } });
}
