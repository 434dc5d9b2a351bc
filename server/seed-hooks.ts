import "server-only";
// What each domain adds to the Demo organization on first start (templates, agents, …).
import { seedTemplates } from "./services/filegen/seeds";
import { seedMarketplace } from "./services/marketplace-seed";
import type { SeedHook } from "./services/seed";
import { seedTasks } from "./services/tasks/seed";

export const seedHooks: SeedHook[] = [seedTemplates, seedTasks, seedMarketplace];
