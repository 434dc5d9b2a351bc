import "server-only";
// The app's wiring of a generation's dependencies: configured storage, expiring signed links
// served by /api/files and /api/git, and the workflow engine for large jobs.
import type { DbOrTx } from "@/db/client";
import { storage } from "@/server/adapters/storage";
import { signToken } from "@/server/adapters/storage/signed";
import { getSigningSecret } from "@/server/auth/secret";
import { appUrl, env } from "@/server/env";
import { emit } from "@/server/workflows/send";
import { generationRequested } from "@/server/workflows/functions/generate-files";
import type { GenerationDeps } from "./generations";

/** How long a download or clone link stays valid. */
export const LINK_TTL_SECONDS = 24 * 3600;

export async function generationDeps(db: DbOrTx): Promise<GenerationDeps> {
  const secret = await getSigningSecret();
  const base = appUrl(env);
  return {
    storage: storage(),
    link(sub, kind) {
      const token = signToken({ sub, exp: Math.floor(Date.now() / 1000) + LINK_TTL_SECONDS }, secret);
      // The last segment names the folder `git clone` creates.
      return kind === "git" ? `${base}/api/git/${token}/generated-${sub.split(":")[1]!.slice(0, 8)}.git` : `${base}/api/files/${token}`;
    },
    async enqueue(g) {
      await emit(db, { name: generationRequested, data: { orgId: g.orgId, generationId: g.id } });
    },
  };
}
