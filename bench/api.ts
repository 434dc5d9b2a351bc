// API surfaces, in-process (no network): MCP tools/call beside a bare MCP SDK server with one echo
// tool, and REST beside tRPC for the same read procedure. Both sides of each pair get the same
// request shape and the same machine, in the same run.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { z } from "zod";
import { migrateDb, openDb } from "../db/client";
import { handleMcpRequest } from "../server/mcp/http";
import { handleRestRequest } from "../server/rest/handler";
import { appRouter } from "../server/routers/_app";
import { insertApiKey } from "../server/services/keys/api-keys";
import { scopes } from "../server/services/permissions";
import { contextFrom } from "../server/trpc/context";
import { makeOrg } from "../server/trpc/testing";
import { type BenchRow, measure, printRows } from "./stats";

const accept = "application/json, text/event-stream";
const callBody = (name: string, args: Record<string, unknown>) =>
  JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } });

export async function benchApi(iterations = 300): Promise<BenchRow[]> {
  const h = await openDb({ kind: "pglite" });
  await migrateDb(h);
  const { org, owner } = await makeOrg(h.db, "Bench");
  // A key acts as its creator (a key without one no longer authenticates).
  const { secret } = await insertApiKey(h.db, { orgId: org.id, name: "bench", scopes, createdBy: owner.id });
  const createContext = (o: { headers: Headers }) => contextFrom({ db: h.db, sessionUser: async () => null }, o);
  const auth = { authorization: `Bearer ${secret}` };

  const mcp = await measure(async () => {
    const res = await handleMcpRequest(
      new Request("http://localhost/api/mcp", { method: "POST", headers: { ...auth, "content-type": "application/json", accept }, body: callBody("orgs_current", {}) }),
      { createContext },
    );
    if (res.status !== 200) throw new Error(`mcp ${res.status}`);
    await res.text();
  }, iterations);

  const bare = await measure(async () => {
    const server = new McpServer({ name: "echo", version: "1.0.0" });
    server.registerTool("echo", { description: "Echo", inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: "text", text }] }));
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    const res = await transport.handleRequest(
      new Request("http://localhost/mcp", { method: "POST", headers: { "content-type": "application/json", accept }, body: callBody("echo", { text: "hi" }) }),
    );
    await res.text();
    await server.close();
  }, iterations);

  const trpc = await measure(async () => {
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/orgs.current", { headers: auth }),
      router: appRouter,
      createContext: ({ req }) => createContext({ headers: req.headers }),
    });
    if (res.status !== 200) throw new Error(`trpc ${res.status}`);
    await res.text();
  }, iterations);

  const rest = await measure(async () => {
    const res = await handleRestRequest(new Request("http://localhost/api/v1/org", { headers: auth }), "/org", { createContext });
    if (res.status !== 200) throw new Error(`rest ${res.status}`);
    await res.text();
  }, iterations);

  await h.close();
  return [
    { name: "MCP tools/call orgs_current (auth + db read)", p50: mcp.p50, p95: mcp.p95, baselineName: "bare MCP SDK echo tool", baselineP50: bare.p50, baselineP95: bare.p95 },
    { name: "REST GET /api/v1/org", p50: rest.p50, p95: rest.p95, baselineName: "tRPC orgs.current", baselineP50: trpc.p50, baselineP95: trpc.p95 },
    { name: "tRPC read orgs.current (auth + db read)", p50: trpc.p50, p95: trpc.p95, note: "SLA floor: API p95 < 200 ms" },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows("API surfaces (in-process, PGlite)", await benchApi());
}
