import type { Command } from "../command";
import { accountCommands } from "./account";

/** Every command; each domain contributes its own list. */
export const commands: Command[] = [...accountCommands];
