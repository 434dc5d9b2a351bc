import "server-only";
// A generation's dependencies from the process's: stored outputs, expiring signed links served by
// /api/files and /api/git, and a way to hand large jobs to the workflow engine (the caller's).
import type { ServiceDeps } from "../context";
import type { GenerationDeps } from "./generations";

/** How long a download or clone link stays valid. */
export const LINK_TTL_SECONDS = 24 * 3600;

export function generationDepsFrom(deps: Pick<ServiceDeps, "storage" | "signer" | "appUrl">, enqueue: GenerationDeps["enqueue"]): GenerationDeps {
  return {
    storage: deps.storage,
    link(sub, kind, name) {
      const token = deps.signer.sign(sub, LINK_TTL_SECONDS);
      // The last segment names the folder `git clone` creates: the template's slug and the generation.
      const folder = `${name && /^[a-z0-9][a-z0-9-]*$/.test(name) ? name : "generated"}-${sub.split(":")[1]!.slice(0, 8)}`;
      return kind === "git" ? `${deps.appUrl}/api/git/${token}/${folder}.git` : `${deps.appUrl}/api/files/${token}`;
    },
    enqueue,
  };
}
