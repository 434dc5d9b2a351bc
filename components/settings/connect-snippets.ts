// The Connect-an-agent snippets, one per client, each in the format that client reads (issue 14
// item 5). Pure, so a unit test checks every one; the page only shows and copies them.

/** The CLI ships in the SDK package as its `cloud-mcp` bin (issue 16 item 1). */
export const CLI_PACKAGE = "@cloud-mcp/sdk";
/** The name the server is added under in each client's configuration. */
export const SERVER_NAME = "cloud-mcp";
export const KEY_PLACEHOLDER = "cmp_YOUR_API_KEY";

export interface Snippet {
  id: "claude-code" | "claude-desktop" | "vscode" | "cursor" | "generic" | "cli";
  client: string;
  /** Where it goes, in a few words. */
  where: string;
  language: "json" | "shell";
  code: string;
  note?: string;
}

const json = (v: unknown) => JSON.stringify(v, null, 2);
/** Single-quoted for POSIX shells; a key or URL holds no quote, but never trust that blindly. */
const sq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

export function connectSnippets(baseUrl: string, key: string = KEY_PLACEHOLDER): Snippet[] {
  const base = baseUrl.replace(/\/+$/, "");
  const url = `${base}/api/mcp`;
  const bearer = `Bearer ${key}`;
  const insecure = url.startsWith("http://");
  return [
    {
      id: "claude-code",
      client: "Claude Code",
      where: "run in a terminal; add --scope project to share it with your team in .mcp.json",
      language: "shell",
      code: `claude mcp add --transport http ${SERVER_NAME} ${url} \\\n  --header ${sq(`Authorization: ${bearer}`)}`,
    },
    {
      id: "claude-desktop",
      client: "Claude Desktop",
      where: "claude_desktop_config.json (Settings → Developer → Edit config)",
      language: "json",
      // Its config file starts local (stdio) servers: mcp-remote bridges to the HTTP endpoint.
      // The header travels in an env variable because Claude Desktop on Windows splits args on spaces.
      code: json({
        mcpServers: {
          [SERVER_NAME]: {
            command: "npx",
            args: ["-y", "mcp-remote", url, "--header", "Authorization:${AUTH_HEADER}", ...(insecure ? ["--allow-http"] : [])],
            env: { AUTH_HEADER: bearer },
          },
        },
      }),
      note: "Restart Claude Desktop after saving. Node.js must be installed for npx.",
    },
    {
      id: "vscode",
      client: "VS Code",
      where: ".vscode/mcp.json in your workspace",
      language: "json",
      // VS Code's file has `servers`, not `mcpServers`; the key is asked once and kept in its secret storage.
      code: json({
        inputs: [{ type: "promptString", id: "cloud-mcp-key", description: "Cloud MCP API key", password: true }],
        servers: { [SERVER_NAME]: { type: "http", url, headers: { Authorization: "Bearer ${input:cloud-mcp-key}" } } },
      }),
      note: `VS Code asks for the key the first time it starts the server${key === KEY_PLACEHOLDER ? "" : ": paste the one above"}; the file holds no secret, so it can be committed.`,
    },
    {
      id: "cursor",
      client: "Cursor",
      where: "~/.cursor/mcp.json, or .cursor/mcp.json in a project",
      language: "json",
      code: json({ mcpServers: { [SERVER_NAME]: { url, headers: { Authorization: bearer } } } }),
    },
    {
      id: "generic",
      client: "Any MCP client",
      where: "Streamable HTTP, stateless: POST JSON-RPC with the bearer header. Check it with curl:",
      language: "shell",
      code: [
        `curl -s ${url} \\`,
        `  -H ${sq(`Authorization: ${bearer}`)} \\`,
        `  -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \\`,
        `  -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`,
      ].join("\n"),
    },
    {
      id: "cli",
      client: "CLI",
      where: `Needs Node.js 20 or later; npx fetches the CLI from ${CLI_PACKAGE}.`,
      language: "shell",
      code: [
        `export CLOUD_MCP_URL=${sq(base)}`,
        `export CLOUD_MCP_API_KEY=${sq(key)}`,
        `npx -y -p ${CLI_PACKAGE} cloud-mcp whoami`,
        `npx -y -p ${CLI_PACKAGE} cloud-mcp tasks list`,
      ].join("\n"),
      note: `Or save the login once: npx -y -p ${CLI_PACKAGE} cloud-mcp login --url ${base} --key <key>.`,
    },
  ];
}
