import { createClient, describeClientError } from "../../sdk/index";
import type { Command } from "../command";
import { clearConfig, loadConfig, saveConfig } from "../config";
import { CliError, printJson, printRecord } from "../output";

export const accountCommands: Command[] = [
  {
    name: "login",
    summary: "Save the platform URL and an API key for later commands",
    usage: "cloud-mcp login --url http://localhost:3000 --key cmp_…",
    options: { url: { type: "string", description: "Platform base URL" }, key: { type: "string", description: "API key (or CLOUD_MCP_API_KEY)" } },
    noAuth: true,
    async run({ opts, json }) {
      const saved = await loadConfig();
      const url = (opts.url as string | undefined) ?? saved.url ?? "http://localhost:3000";
      const apiKey = (opts.key as string | undefined) ?? process.env.CLOUD_MCP_API_KEY;
      if (!apiKey) throw new CliError("Pass --key cmp_… (create one under Settings → API keys)");
      const org = await createClient({ url, apiKey })
        .orgs.current.query()
        .catch((err: unknown) => {
          throw new CliError(`Could not sign in to ${url}: ${describeClientError(err)}`);
        });
      const file = await saveConfig({ url, apiKey });
      if (json) printJson({ url, organization: org, config: file });
      else process.stdout.write(`Logged in to ${url} as organization "${org.name}" (${org.role}). Saved to ${file}\n`);
    },
  },
  {
    name: "logout",
    summary: "Forget the saved login",
    noAuth: true,
    async run() {
      await clearConfig();
      process.stdout.write("Logged out.\n");
    },
  },
  {
    name: "whoami",
    summary: "Show the organization and role the key acts as",
    async run({ client, json }) {
      const org = await (await client()).orgs.current.query();
      if (json) printJson(org);
      else printRecord({ organization: org.name, id: org.id, slug: org.slug, plan: org.plan, role: org.role });
    },
  },
];
