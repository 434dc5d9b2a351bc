// Where the CLI finds the platform: CLOUD_MCP_URL / CLOUD_MCP_API_KEY, else `cloud-mcp login`'s file
// in the user's config directory (mode 0600, since it holds a secret).
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";

export interface CliConfig {
  url: string;
  apiKey: string;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || (process.platform === "win32" ? env.APPDATA : undefined) || path.join(homedir(), ".config");
  return path.join(base!, "cloud-mcp", "config.json");
}

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Partial<CliConfig> & { source: string }> {
  let file: Partial<CliConfig> = {};
  try {
    file = JSON.parse(await readFile(configPath(env), "utf8")) as Partial<CliConfig>;
  } catch {
    // no saved login
  }
  return {
    url: env.CLOUD_MCP_URL || file.url,
    apiKey: env.CLOUD_MCP_API_KEY || file.apiKey,
    source: env.CLOUD_MCP_API_KEY ? "environment" : file.apiKey ? configPath(env) : "none",
  };
}

export async function saveConfig(cfg: CliConfig, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const file = configPath(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(cfg, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

export async function clearConfig(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await rm(configPath(env), { force: true });
}
