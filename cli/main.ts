// cloud-mcp: the command line for Cloud MCP Platform, on the typed SDK.
import { parseArgs } from "node:util";
import { createClient, describeClientError } from "../sdk/index";
import type { Command } from "./command";
import { commands } from "./commands";
import { loadConfig } from "./config";
import { CliError, printJson } from "./output";

function help(cmds: Command[], prefix = "") {
  const lines = [
    "cloud-mcp — the command line for Cloud MCP Platform",
    "",
    `Usage: cloud-mcp ${prefix ? `${prefix} ` : ""}<command> [options]`,
    "",
    "Commands:",
    ...cmds.map((c) => `  ${c.name.padEnd(22)} ${c.summary}`),
    "",
    "Global options:",
    "  --json                 Print JSON (for scripts)",
    "  --help, -h             Help for any command",
    "",
    "Configuration: CLOUD_MCP_URL and CLOUD_MCP_API_KEY, or `cloud-mcp login`.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

function commandHelp(c: Command) {
  const opts = Object.entries(c.options ?? {}).map(([k, o]) => `  --${k}${o.type === "string" ? " <value>" : ""}`.padEnd(30) + o.description);
  process.stdout.write(`${[c.summary, "", `Usage: ${c.usage ?? `cloud-mcp ${c.name}`}`, ...(opts.length ? ["", "Options:", ...opts] : []), "  --json".padEnd(30) + "Print JSON"].join("\n")}\n`);
}

async function main(argv: string[]) {
  const words = argv.filter((a) => !a.startsWith("-"));
  // The longest command name matching the leading words.
  const cmd = [...commands].sort((a, b) => b.name.length - a.name.length).find((c) => {
    const parts = c.name.split(" ");
    return parts.every((p, i) => words[i] === p);
  });
  const wantsHelp = argv.includes("--help") || argv.includes("-h");
  if (!cmd) {
    const group = words[0] ? commands.filter((c) => c.name.startsWith(`${words[0]} `)) : [];
    if (group.length) return help(group, words[0]);
    if (words.length && !wantsHelp) throw new CliError(`Unknown command "${words.join(" ")}". Run cloud-mcp --help.`);
    return help(commands);
  }
  if (wantsHelp) return commandHelp(cmd);
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = { json: { type: "boolean" } };
  for (const [k, o] of Object.entries(cmd.options ?? {})) {
    options[k] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message}. Run cloud-mcp ${cmd.name} --help.`);
  }
  const json = Boolean(parsed.values.json);
  const args = parsed.positionals.slice(cmd.name.split(" ").length);
  await cmd.run({
    args,
    opts: parsed.values as Record<string, string | boolean | string[] | undefined>,
    json,
    client: async () => {
      const cfg = await loadConfig();
      if (!cfg.apiKey) throw new CliError("Not logged in: run `cloud-mcp login --url <url> --key cmp_…` or set CLOUD_MCP_API_KEY.");
      return createClient({ url: cfg.url ?? "http://localhost:3000", apiKey: cfg.apiKey });
    },
  });
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    const message = err instanceof CliError ? err.message : describeClientError(err);
    if (process.argv.includes("--json")) printJson({ error: message });
    else process.stderr.write(`cloud-mcp: ${message}\n`);
    process.exit(1);
  },
);
