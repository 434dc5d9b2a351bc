// Tracing, with the SDK's in-memory exporter: one MCP `tasks_create` handled by the built-in agent
// is one trace, from the HTTP request through the procedure, its queries, the workflow runs and
// steps that the task's events started, to the generation; outgoing calls carry `traceparent`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { safeFetch } from "@/server/adapters/http/safe-fetch";
import { storage } from "@/server/adapters/storage";
import { handleMcpRequest } from "@/server/mcp/http";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { scopes } from "@/server/services/permissions";
import { contextFrom } from "@/server/trpc/context";
import { makeOrg } from "@/server/trpc/testing";
import { generateFilesWorkflow } from "@/server/workflows/functions/generate-files";
import { taskSchedulingWorkflows } from "@/server/workflows/functions/task-scheduling";
import { type RunnerHandle, startRunner } from "@/server/workflows/runner/runner";
import { startTracing, traceRequest } from "./index";

const exporter = new InMemorySpanExporter();
const flush = startTracing({ exporter });

describe("tracing", () => {
  let h: DbHandle;
  let runner: RunnerHandle;
  beforeAll(async () => {
    h = await createTestDb("pglite");
    const deps = { storage: storage(), link: (sub: string, k: "file" | "git") => `http://test/${k}/${sub}`, enqueue: async () => {} };
    const functions = [generateFilesWorkflow(async () => ({ db: h.db, storage: storage() })), ...taskSchedulingWorkflows(async () => ({ db: h.db, generationDeps: async () => deps, appUrl: "http://test", allowPrivateWebhooks: true }))];
    runner = startRunner({ db: h.db, functions, pollMs: 20, backoffBaseMs: 10, leaseMs: 5_000 });
  });
  afterAll(async () => {
    await runner.stop();
    await h.close();
  });

  it("follows one MCP tasks_create through the request, the procedure, its queries, the workflow runs and steps, to the generation", async () => {
    const { org, owner } = await makeOrg(h.db, "Traced");
    const { secret } = await insertApiKey(h.db, { orgId: org.id, name: "traced", scopes, createdBy: owner.id });
    const handler = traceRequest("/api/mcp", (req) => handleMcpRequest(req, { createContext: (o) => contextFrom({ db: h.db, sessionUser: async () => null }, o) }));
    const client = new Client({ name: "traced-agent", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL("http://localhost:3000/api/mcp"), { fetch: async (input, init) => handler(new Request(input as string, init)), requestInit: { headers: { authorization: `Bearer ${secret}` } } }));
    const call = async (name: string, args: Record<string, unknown>) => {
      const r = await client.callTool({ name, arguments: args });
      if (r.isError) throw new Error(JSON.stringify(r.content));
      return r.structuredContent as { id: string; status: string };
    };
    const template = await call("templates_create", { name: "Traced readme", files: [{ path: "README.md", content: "# {{ name }}" }], variables: { type: "object", properties: { name: { type: "string", default: "x" } } } });
    exporter.reset();
    const task = await call("tasks_create", { title: "Generate, traced", templateId: template.id, input: { variables: { name: "demo" }, format: "json" } });
    const end = Date.now() + 15_000;
    let status = task.status;
    while (status !== "succeeded" && status !== "failed" && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await call("tasks_get", { id: task.id })).status;
    }
    expect(status).toBe("succeeded");
    await client.close();
    await flush();

    const spans = exporter.getFinishedSpans();
    const create = spans.find((s) => s.name === "procedure tasks.create")!;
    expect(create).toBeDefined();
    const traceId = create.spanContext().traceId;
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
    const names = inTrace.map((s) => s.name);
    // The HTTP request is the root; the procedure and its queries sit under it.
    const root = inTrace.find((s) => s.name === "POST /api/mcp" && !s.parentSpanContext)!;
    expect(root).toBeDefined();
    expect(create.attributes["cmp.surface"]).toBe("mcp");
    expect(inTrace.some((s) => s.name === "db INSERT" && String(s.attributes["db.query.text"]).includes('"tasks"'))).toBe(true);
    // The task's events started workflow runs in the same trace, with their steps and the generation.
    expect(names).toEqual(expect.arrayContaining(["workflow.run dispatch-task"]));
    expect(names.filter((n) => n.startsWith("workflow.step ")).length).toBeGreaterThan(0);
    expect(inTrace.some((s) => s.name === "db INSERT" && String(s.attributes["db.query.text"]).includes('"generations"'))).toBe(true);
    // Parameters never reach a span: no secret or variable value is recorded.
    expect(JSON.stringify(inTrace.map((s) => s.attributes))).not.toContain(secret);
  });

  it("sends the trace context with outgoing calls", async () => {
    let seen: string | undefined;
    const server = createServer((req, res) => {
      seen = req.headers.traceparent as string | undefined;
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const handler = traceRequest("/test", async () => {
        await safeFetch(`http://127.0.0.1:${port}/hook`, { method: "POST", body: "{}" }, { allowPrivate: true });
        return new Response("done");
      });
      await handler(new Request("http://localhost/test", { headers: { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" } }));
    } finally {
      server.close();
    }
    // The caller's trace continues through us to the receiver.
    expect(seen).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    await flush();
    const outgoing = exporter.getFinishedSpans().find((s) => s.name === `POST 127.0.0.1:${port}`);
    expect(outgoing?.spanContext().traceId).toBe("0af7651916cd43dd8448eb211c80319c");
  });
});
