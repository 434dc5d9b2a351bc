import "server-only";
import { createGenerationInput, generationIdInput, generationListItem, generationOutput, listGenerationsInput } from "@/server/schemas/filegen";
import { page } from "@/server/schemas/common";
import { generationDeps } from "@/server/deps";
import { createGeneration, getGeneration, listGenerations } from "@/server/services/filegen/generations";
import { followGeneration } from "@/server/services/filegen/follow";
import { pushFinishedGeneration } from "@/server/services/filegen/push";
import { env } from "@/server/env";
import { orgProcedure, router } from "../trpc/init";

export const generationsRouter = router({
  create: orgProcedure
    .meta({
      scope: "generations:write",
      kind: "write",
      tool: "generations_create",
      rest: { method: "POST", path: "/generations" },
      description:
        "Render a template (id or slug; latest version unless `version` is given) with `variables`, validated against its schema, into `format` json (files with content), zip (a download URL) or git (a `git clone` URL). Returns {id, status, files, downloadUrl?, cloneUrl?, instructions}; follow the instructions. The same version, variables and format reuse the stored result. Another organization's paid public template (priceCredits > 0) costs its price per new generation, refunded if it fails (see credits_balance). With format git and `push: {url, token?, branch?}` the commit is also pushed to that remote (the token is used once, never stored). Large templates render in the background: status is then queued or running (progress notifications stream when you send a progress token) and generations_get returns the result.",
    })
    .input(createGenerationInput)
    .output(generationOutput)
    .mutation(async ({ ctx, input }) => {
      const deps = await generationDeps(ctx.svc.db);
      const started = await createGeneration(ctx.svc, input, deps);
      if (!input.push) return ctx.progress ? followGeneration(ctx.svc, started, deps, ctx.progress) : started;
      // Pushing waits for the repository; the token lives only in this call.
      const done = await followGeneration(ctx.svc, started, deps, ctx.progress ?? (() => {}));
      if (done.status !== "succeeded") return done;
      return { ...done, pushed: await pushFinishedGeneration(ctx.svc, done.id, input.push, { storage: deps.storage, allowPrivate: env.WEBHOOK_ALLOW_PRIVATE }) };
    }),

  get: orgProcedure
    .meta({
      scope: "generations:read",
      kind: "read",
      tool: "generations_get",
      rest: { method: "GET", path: "/generations/{id}" },
      description: "Read a generation: status, progress, file list (with contents for json), download or clone URL (fresh, expiring), instructions, or the error that stopped it.",
    })
    .input(generationIdInput)
    .output(generationOutput)
    .query(async ({ ctx, input }) => getGeneration(ctx.svc, input, await generationDeps(ctx.svc.db))),

  list: orgProcedure
    .meta({
      scope: "generations:read",
      kind: "read",
      tool: "generations_list",
      rest: { method: "GET", path: "/generations" },
      description: "List your organization's generations, newest first, with template name, format, status, size and duration. Paginate with the returned cursor.",
    })
    .input(listGenerationsInput)
    .output(page(generationListItem))
    .query(async ({ ctx, input }) => listGenerations(ctx.svc, input, await generationDeps(ctx.svc.db))),
});
