import "server-only";
// The composition root: what services need from the process — storage, the link signer, the clock,
// the public origin, render limits — built once, here, from server/env. Services receive it as
// arguments (ServiceDeps in server/services/context.ts), so a test, a bench or a worker builds its own.
import type { DbOrTx } from "@/db/client";
import { storage } from "@/server/adapters/storage";
import { signToken, verifyToken } from "@/server/adapters/storage/signed";
import { getSigningSecret } from "@/server/auth/secret";
import { appUrl, env } from "@/server/env";
import type { ServiceDeps } from "@/server/services/context";
import { generationDepsFrom } from "@/server/services/filegen/deps";
import type { GenerationDeps } from "@/server/services/filegen/generations";
import type { RenderPoolOptions } from "@/server/services/filegen/render-pool";
import { generationRequested } from "@/server/workflows/functions/generate-files";
import { emit } from "@/server/workflows/send";

async function build(): Promise<ServiceDeps> {
  const secret = await getSigningSecret();
  const clock = Date.now;
  return {
    storage: storage(),
    signer: {
      sign: (sub, ttlSeconds) => signToken({ sub, exp: Math.floor(clock() / 1000) + ttlSeconds }, secret),
      open: (token) => verifyToken(token, secret, clock())?.sub ?? null,
    },
    clock,
    appUrl: appUrl(env),
  };
}

// On globalThis: Next's server build may hold several copies of this module.
const g = globalThis as unknown as { __cmpServiceDeps?: Promise<ServiceDeps> };

/** The process's service dependencies (made on first use). */
export function serviceDeps(): Promise<ServiceDeps> {
  g.__cmpServiceDeps ??= build().catch((err) => {
    g.__cmpServiceDeps = undefined;
    throw err;
  });
  return g.__cmpServiceDeps;
}

/** A generation's dependencies: the process's, with large jobs handed to the workflow engine through `db`. */
export async function generationDeps(db: DbOrTx): Promise<GenerationDeps> {
  return generationDepsFrom(await serviceDeps(), async (gen) => {
    await emit(db, { name: generationRequested, data: { orgId: gen.orgId, generationId: gen.id } });
  });
}

/** The render pool's limits: RENDER_WORKERS (unset: one per core), RENDER_BUDGET_MS, RENDER_MEMORY_MB. */
export const renderPoolOptions = (): Partial<RenderPoolOptions> => ({ workers: env.RENDER_WORKERS, perOrg: env.RENDER_PER_ORG, budgetMs: env.RENDER_BUDGET_MS, memoryMb: env.RENDER_MEMORY_MB });
