// The baseline for the HTTP benchmark: the bare MCP SDK, stateless (a server and transport per
// request, as the SDK's own stateless example does), with one echo tool, on node:http.
import { Buffer } from "node:buffer";
import http from "node:http";
import process from "node:process";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const port = Number(process.argv[2] ?? 0);
const server = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const mcp = new McpServer({ name: "echo", version: "1.0.0" });
  mcp.registerTool("echo", { description: "Echo", inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: "text", text }] }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on("close", () => {
    void transport.close();
    void mcp.close();
  });
  await mcp.connect(transport);
  await transport.handleRequest(req, res, JSON.parse(Buffer.concat(chunks).toString("utf8")));
});
server.listen(port, "127.0.0.1", () => process.stdout.write(`listening ${server.address().port}\n`));
