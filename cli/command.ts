import type { CloudMcpClient } from "../sdk/index";

export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  multiple?: boolean;
  short?: string;
}

export interface CommandContext {
  args: string[];
  opts: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
  /** The SDK client, from the environment or the saved login. */
  client: () => Promise<CloudMcpClient>;
}

export interface Command {
  /** e.g. "tasks list" */
  name: string;
  summary: string;
  usage?: string;
  options?: Record<string, OptionSpec>;
  /** Commands that work without a login (login itself, help). */
  noAuth?: boolean;
  run(ctx: CommandContext): Promise<void>;
}
