import { router } from "../trpc/init";
import { agentsRouter } from "./agents";
import { apiKeysRouter } from "./api-keys";
import { generationsRouter } from "./generations";
import { orgsRouter } from "./orgs";
import { runsRouter } from "./runs";
import { tasksRouter } from "./tasks";
import { usageRouter } from "./usage";
import { templatesRouter } from "./templates";

export const appRouter = router({
  orgs: orgsRouter,
  apiKeys: apiKeysRouter,
  tasks: tasksRouter,
  agents: agentsRouter,
  templates: templatesRouter,
  generations: generationsRouter,
  runs: runsRouter,
  usage: usageRouter,
});

export type AppRouter = typeof appRouter;
