import "server-only";
// Seeded template: a Model Context Protocol server in TypeScript with one tool per name given.
import type { CreateTemplateInput } from "@/server/schemas/filegen";

export const mcpServerTemplate: CreateTemplateInput = {
  name: "MCP server (TypeScript)",
  description: "A Model Context Protocol server on the official TypeScript SDK, over stdio or Streamable HTTP, with one typed tool per name you list and a test that calls them.",
  tags: ["mcp", "typescript", "node", "agents"],
  visibility: "public",
  variables: {
    type: "object",
    properties: {
      name: { type: "string", pattern: "^[a-z][a-z0-9-]*$", description: "package and server name (kebab-case)" },
      description: { type: "string", default: "An MCP server", description: "one line for the package and the server" },
      tools: { type: "array", items: { type: "string", pattern: "^[a-z][a-z0-9_]*$" }, default: ["echo"], description: "tool names (snake_case)" },
      transport: { type: "string", enum: ["stdio", "http"], default: "stdio", description: "how clients connect" },
      port: { type: "integer", default: 3333, minimum: 1024, maximum: 65535, description: "HTTP port (http transport)" },
    },
    required: ["name"],
  },
  files: [
    {
      path: "{{ name }}/package.json",
      content: `{
  "name": "{{ name }}",
  "version": "0.1.0",
  "description": "{{ description }}",
  "type": "module",
  "bin": { "{{ name }}": "dist/index.js" },
  "scripts": {
    "build": "tsc",
    "start": "node dist/index.js",
    "test": "tsc && node --test dist/"
  },
  "dependencies": {
    "@modelcontextprotocol/sdk": "^1.20.0",
    "zod": "^3.25.0"
  },
  "devDependencies": {
    "@types/node": "^20.0.0",
    "typescript": "^5.6.0"
  }
}
`,
    },
    {
      path: "{{ name }}/tsconfig.json",
      content: `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "outDir": "dist",
    "rootDir": "src",
    "strict": true,
    "skipLibCheck": true
  },
  "include": ["src"]
}
`,
    },
    {
      path: "{{ name }}/src/server.ts",
      content: `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

/** Builds the {{ name }} server: {{ description }}. */
export function buildServer(): McpServer {
  const server = new McpServer({ name: "{{ name }}", version: "0.1.0" });
{% for tool in tools %}
  server.registerTool(
    "{{ tool }}",
    {
      description: "{{ tool | replace: '_', ' ' | capitalize }}: describe what it does, when to use it and what it returns.",
      inputSchema: { text: z.string().describe("input for {{ tool }}") },
    },
    async ({ text }) => ({ content: [{ type: "text", text: \`{{ tool }}: \${text}\` }] }),
  );
{% endfor %}
  return server;
}
`,
    },
    {
      path: "{{ name }}/src/index.ts",
      content: `#!/usr/bin/env node
import { buildServer } from "./server.js";
{% if transport == "http" %}import { createServer } from "node:http";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

// Stateless Streamable HTTP: a fresh server and transport per request.
createServer(async (req, res) => {
  if (req.url !== "/mcp") {
    res.writeHead(404).end();
    return;
  }
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on("close", () => void transport.close());
  await server.connect(transport);
  await transport.handleRequest(req, res);
}).listen({{ port }}, () => console.error("{{ name }} listening on http://localhost:{{ port }}/mcp"));
{% else %}import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

await buildServer().connect(new StdioServerTransport());
{% endif %}`,
    },
    {
      path: "{{ name }}/src/server.test.ts",
      content: `import assert from "node:assert/strict";
import { test } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { buildServer } from "./server.js";

test("lists and calls every tool", async () => {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await buildServer().connect(serverSide);
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(clientSide);
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), {{ tools | sort | json }});
{% for tool in tools %}  assert.deepEqual((await client.callTool({ name: "{{ tool }}", arguments: { text: "hi" } })).content, [{ type: "text", text: "{{ tool }}: hi" }]);
{% endfor %}});
`,
    },
    { path: "{{ name }}/.gitignore", content: "node_modules\ndist\n" },
  ],
  instructions: `# {{ name }}

{{ description }}. Tools: {% for tool in tools %}\`{{ tool }}\`{% unless forloop.last %}, {% endunless %}{% endfor %}.

1. \`cd {{ name }} && npm install && npm test\`
2. Fill in each tool's description and body in \`src/server.ts\`.
{% if transport == "http" %}3. \`npm run build && npm start\`, then connect a client: \`claude mcp add --transport http {{ name }} http://localhost:{{ port }}/mcp\`{% else %}3. \`npm run build\`, then connect a client: \`claude mcp add {{ name }} -- node $(pwd)/dist/index.js\`{% endif %}
`,
};
