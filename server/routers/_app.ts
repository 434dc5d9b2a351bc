import { router } from "../trpc/init";
import { apiKeysRouter } from "./api-keys";
import { orgsRouter } from "./orgs";

export const appRouter = router({
  orgs: orgsRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;
