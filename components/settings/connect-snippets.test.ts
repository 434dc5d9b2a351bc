// Each client's snippet in the format that client reads, and the generic one actually answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { handleMcpRequest } from "@/server/mcp/http";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { contextFrom } from "@/server/trpc/context";
import { makeOrg } from "@/server/trpc/testing";
import { CLI_PACKAGE, connectSnippets, KEY_PLACEHOLDER, type Snippet } from "./connect-snippets";

const KEY = "cmp_" + "a".repeat(40);
const byId = (list: Snippet[], id: Snippet["id"]) => list.find((s) => s.id === id)!;

describe("connect snippets", () => {
  const list = connectSnippets("https://mcp.example.com/", KEY);
  const url = "https://mcp.example.com/api/mcp";

  it("gives one snippet per client, every JSON one valid", () => {
    expect(list.map((s) => s.id)).toEqual(["claude-code", "claude-desktop", "vscode", "cursor", "generic", "cli"]);
    for (const s of list.filter((x) => x.language === "json")) expect(() => JSON.parse(s.code)).not.toThrow();
  });

  it("VS Code: `servers` with type http and the key from a password input, never in the file", () => {
    const cfg = JSON.parse(byId(list, "vscode").code);
    expect(cfg.mcpServers).toBeUndefined();
    expect(cfg.servers["cloud-mcp"]).toEqual({ type: "http", url, headers: { Authorization: "Bearer ${input:cloud-mcp-key}" } });
    expect(cfg.inputs).toEqual([expect.objectContaining({ id: "cloud-mcp-key", type: "promptString", password: true })]);
    expect(byId(list, "vscode").code).not.toContain(KEY);
  });

  it("Cursor and Claude Desktop: `mcpServers`, Cursor by URL, Claude Desktop through mcp-remote", () => {
    expect(JSON.parse(byId(list, "cursor").code)).toEqual({ mcpServers: { "cloud-mcp": { url, headers: { Authorization: `Bearer ${KEY}` } } } });
    const desktop = JSON.parse(byId(list, "claude-desktop").code).mcpServers["cloud-mcp"];
    expect(desktop).toEqual({ command: "npx", args: ["-y", "mcp-remote", url, "--header", "Authorization:${AUTH_HEADER}"], env: { AUTH_HEADER: `Bearer ${KEY}` } });
    // Over plain HTTP mcp-remote needs to be told it may.
    const local = JSON.parse(byId(connectSnippets("http://localhost:3000"), "claude-desktop").code).mcpServers["cloud-mcp"];
    expect(local.args).toContain("--allow-http");
  });

  it("Claude Code and the CLI: shell lines that work from any directory", () => {
    expect(byId(list, "claude-code").code).toBe(`claude mcp add --transport http cloud-mcp ${url} \\\n  --header 'Authorization: Bearer ${KEY}'`);
    const cli = byId(list, "cli").code;
    expect(cli).toContain("export CLOUD_MCP_URL='https://mcp.example.com'");
    expect(cli).toContain(`export CLOUD_MCP_API_KEY='${KEY}'`);
    // npx -p names the package, so nothing of this repository is needed.
    expect(cli).toContain(`npx -y -p ${CLI_PACKAGE} cloud-mcp whoami`);
    expect(cli).not.toMatch(/npx cloud-mcp|npm run|\.\/cli/);
  });

  it("without a key, says where it goes", () => {
    for (const s of connectSnippets("http://localhost:3000").filter((x) => x.id !== "vscode")) expect(s.code).toContain(KEY_PLACEHOLDER);
  });
});

describe("the generic snippet's request", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb("pglite");
  });
  afterAll(() => h.close());

  it("is answered by the MCP endpoint with the key's tools", async () => {
    const { org, owner } = await makeOrg(h.db, "Snippets");
    const { secret } = await insertApiKey(h.db, { orgId: org.id, name: "curl", scopes: ["tasks:read"], createdBy: owner.id });
    const curl = byId(connectSnippets("http://localhost:3000", secret), "generic").code;
    // Read the request back out of the curl line: URL, headers, body.
    const target = /curl -s (\S+)/.exec(curl)![1]!;
    const headers = new Headers([...curl.matchAll(/-H '([^:]+): ([^']+)'/g)].map((m) => [m[1]!, m[2]!] as [string, string]));
    const body = /-d '([^']+)'/.exec(curl)![1]!;
    const res = await handleMcpRequest(new Request(target, { method: "POST", headers, body }), {
      createContext: (o) => contextFrom({ db: h.db, sessionUser: async () => null }, o),
    });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { result: { tools: { name: string }[] } };
    expect(reply.result.tools.map((t) => t.name)).toContain("tasks_list");
  });
});
