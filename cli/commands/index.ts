import type { Command } from "../command";
import { accountCommands } from "./account";
import { taskCommands } from "./tasks";
import { templateCommands } from "./templates";
import { usageCommands } from "./usage";

/** Every command; each domain contributes its own list. */
export const commands: Command[] = [...accountCommands, ...taskCommands, ...templateCommands, ...usageCommands];
