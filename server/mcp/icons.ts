import "server-only";
// Icons on tools and prompts (MCP 2025-11-25 `icons`): one small SVG per domain, served by the app
// at /icons/<domain>.svg (app/icons/[file]/route.ts). A URL, not a data URI: tools/list is read by
// the model too, and a URL costs a sixth of the smallest inline SVG. No mimeType: the file's
// extension and the served Content-Type say it, and the field is an optional override.
import type { Icon } from "@modelcontextprotocol/sdk/types.js";
import { appUrl, env } from "@/server/env";

export const iconDomains = ["tasks", "agents", "templates", "generations", "credits", "usage", "org", "automations", "runs"] as const;
export type IconDomain = (typeof iconDomains)[number];

/** A tool's domain from its `<domain>_<verb>` name; task templates make tasks, so they are tasks. */
const byPrefix: Record<string, IconDomain> = {
  tasks: "tasks",
  task: "tasks",
  agents: "agents",
  templates: "templates",
  generations: "generations",
  credits: "credits",
  usage: "usage",
  orgs: "org",
  keys: "org",
  automations: "automations",
  runs: "runs",
};

export function iconDomainOf(toolName: string): IconDomain {
  return byPrefix[toolName.split("_")[0]!] ?? "org";
}

export const isIconDomain = (v: string): v is IconDomain => (iconDomains as readonly string[]).includes(v);

export function iconsFor(domain: IconDomain): Icon[] {
  return [{ src: `${appUrl(env)}/icons/${domain}.svg` }];
}
