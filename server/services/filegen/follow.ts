import "server-only";
// Follows a background generation for a caller that can receive progress (an MCP client that sent
// a progress token): reports progress until it ends or the wait runs out, then returns its state.
// A change made in this process is read at once; one made elsewhere at the next poll.
import type { GenerationOutput } from "@/server/schemas/filegen";
import type { ServiceContext } from "../context";
import { nextChange } from "./changes";
import { type GenerationDeps, getGeneration } from "./generations";

const done = (g: GenerationOutput) => g.status === "succeeded" || g.status === "failed";

export async function followGeneration(
  ctx: ServiceContext,
  started: GenerationOutput,
  deps: GenerationDeps,
  progress: (p: { progress: number; total?: number; message?: string }) => void | Promise<void>,
  opts: { timeoutMs?: number; pollMs?: number } = {},
): Promise<GenerationOutput> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let g = started;
  let last = -1;
  while (true) {
    if (g.progress !== last) {
      last = g.progress;
      await progress({ progress: g.progress, total: 100, message: `generation ${g.status}` });
    }
    if (done(g) || Date.now() >= deadline) return g;
    await nextChange(g.id, Math.min(opts.pollMs ?? 150, Math.max(0, deadline - Date.now())));
    g = await getGeneration(ctx, { id: g.id }, deps);
  }
}
