import "server-only";
import { router } from "../trpc/init";
import { agentsRouter } from "./agents";
import { apiKeysRouter } from "./api-keys";
import { automationsRouter, taskTemplatesRouter } from "./automations";
import { creditsRouter } from "./credits";
import { generationsRouter } from "./generations";
import { onboardingRouter } from "./onboarding";
import { orgsRouter } from "./orgs";
import { platformRouter } from "./platform";
import { runsRouter } from "./runs";
import { tasksRouter } from "./tasks";
import { usageRouter } from "./usage";
import { templatesRouter } from "./templates";

export const appRouter = router({
  orgs: orgsRouter,
  apiKeys: apiKeysRouter,
  tasks: tasksRouter,
  agents: agentsRouter,
  taskTemplates: taskTemplatesRouter,
  automations: automationsRouter,
  templates: templatesRouter,
  generations: generationsRouter,
  runs: runsRouter,
  usage: usageRouter,
  credits: creditsRouter,
  platform: platformRouter,
  onboarding: onboardingRouter,
});

export type AppRouter = typeof appRouter;
