import { createClient, describeClientError } from "../../sdk/index";
import { type KeyPresetId, keyPreset, keyPresetIds } from "../../server/schemas/key-presets";
import { type Scope, scopes as allScopes } from "../../server/schemas/scopes";
import { type ToolProfile, toolProfiles } from "../../server/schemas/tool-profiles";
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
  {
    name: "keys create",
    summary: "Create an API key from a preset (agent, read-only, full) or scopes, with an MCP tool profile",
    usage: "cloud-mcp keys create <name> [--preset agent] [--scope tasks:read …] [--profile agent|operator|author|all] [--expires-days 90]",
    options: {
      preset: { type: "string", description: `${keyPresetIds.join(", ")} (default agent); limited to what you may grant` },
      scope: { type: "string", multiple: true, description: "A scope instead of the preset's (repeatable)" },
      profile: { type: "string", description: `Which MCP tools its clients list: ${toolProfiles.join(", ")} (default: the preset's)` },
      "expires-days": { type: "string", description: "Days until it expires (default: never)" },
    },
    async run({ client, args, opts, json }) {
      const name = args.join(" ").trim();
      if (!name) throw new CliError("Give the key a name: cloud-mcp keys create <name>");
      const presetId = (opts.preset as string | undefined) ?? "agent";
      if (!(keyPresetIds as readonly string[]).includes(presetId)) throw new CliError(`--preset is one of ${keyPresetIds.join(", ")}`);
      const preset = keyPreset(presetId as KeyPresetId);
      const profile = (opts.profile as string | undefined) ?? preset.toolProfile;
      if (!(toolProfiles as readonly string[]).includes(profile)) throw new CliError(`--profile is one of ${toolProfiles.join(", ")}`);
      const given = opts.scope as string[] | undefined;
      const bad = given?.filter((s) => !(allScopes as readonly string[]).includes(s));
      if (bad?.length) throw new CliError(`Unknown scope: ${bad.join(", ")}`);
      const days = opts["expires-days"] as string | undefined;
      if (days !== undefined && !/^[1-9]\d*$/.test(days)) throw new CliError("--expires-days is a whole number of days");
      const api = await client();
      // A preset offers what you may grant; scopes named one by one are sent as given (refused if beyond you).
      const grantable = given ? null : (await api.apiKeys.grantable.query()).scopes;
      const scopes = (given as Scope[] | undefined) ?? preset.scopes.filter((s) => grantable!.includes(s));
      const { key, secret } = await api.apiKeys.create.mutate({ name, scopes, toolProfile: profile as ToolProfile, expiresAt: days ? new Date(Date.now() + Number(days) * 86_400_000) : null });
      if (json) return printJson({ key, secret });
      printRecord({ name: key.name, prefix: key.prefix, scopes: key.scopes.join(", "), "mcp tools": key.toolProfile, expires: key.expiresAt ?? "never" });
      process.stdout.write(`\nSecret (shown once): ${secret}\n`);
    },
  },
];
