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
    link(sub, kind) {
      const token = deps.signer.sign(sub, LINK_TTL_SECONDS);
      // The last segment names the folder `git clone` creates.
      return kind === "git" ? `${deps.appUrl}/api/git/${token}/generated-${sub.split(":")[1]!.slice(0, 8)}.git` : `${deps.appUrl}/api/files/${token}`;
    },
    enqueue,
  };
}
