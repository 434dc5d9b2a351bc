import { router } from "../trpc/init";
import { apiKeysRouter } from "./api-keys";
import { generationsRouter } from "./generations";
import { orgsRouter } from "./orgs";
import { runsRouter } from "./runs";
import { templatesRouter } from "./templates";

export const appRouter = router({
  orgs: orgsRouter,
  apiKeys: apiKeysRouter,
  templates: templatesRouter,
  generations: generationsRouter,
  runs: runsRouter,
});

export type AppRouter = typeof appRouter;
