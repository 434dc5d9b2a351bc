import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { memberships } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { insertApiKey } from "@/server/services/keys/api-keys";
import type { Scope } from "@/server/services/permissions";
import { scopes } from "@/server/services/permissions";
import { contextFrom } from "@/server/trpc/context";
import { makeOrg } from "@/server/trpc/testing";
import { handleMcpRequest } from "./http";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb("pglite");
});
afterAll(() => h.close());

/** The route handler, called in-process through fetch, as the SDK's transport would over HTTP. */
function mcpFetch(extraHeaders: Record<string, string> = {}): typeof fetch {
  return async (input, init) => {
    const req = new Request(input as string, init);
    for (const [k, v] of Object.entries(extraHeaders)) req.headers.set(k, v);
    return handleMcpRequest(req, { createContext: (o) => contextFrom({ db: h.db, sessionUser: async () => null }, o) });
  };
}

async function connect(secret: string) {
  const client = new Client({ name: "test-agent", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("http://localhost:3000/api/mcp"), {
    fetch: mcpFetch(),
    requestInit: { headers: { authorization: `Bearer ${secret}` } },
  });
  await client.connect(transport);
  return client;
}

async function keyFor(orgId: string, s: readonly Scope[]) {
  const [owner] = await h.db.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.organizationId, orgId), eq(memberships.role, "owner"))).limit(1);
  return (await insertApiKey(h.db, { orgId, name: "mcp", scopes: s, createdBy: owner!.id })).secret;
}

describe("MCP endpoint", () => {
  it("buys another organization's agent end to end: B's MCP client creates, A's MCP agent claims and completes, B pays", async () => {
    const { org: seller } = await makeOrg(h.db, "Seller");
    const { org: buyer } = await makeOrg(h.db, "Buyer");
    const a = await connect(await keyFor(seller.id, scopes));
    const b = await connect(await keyFor(buyer.id, scopes));
    const call = async (c: Client, name: string, args: Record<string, unknown>) => {
      const res = await c.callTool({ name, arguments: args });
      if (res.isError) throw new Error(JSON.stringify(res.content));
      return res.structuredContent as Record<string, unknown> & { agent?: { id: string }; task?: { id: string } };
    };
    const { agent } = await call(a, "agents_register", { name: "Public reviewer", kind: "mcp", capabilities: ["review"], sharing: "public", priceCredits: 50 });
    const task = await call(b, "tasks_create", { title: "Review", requiredCapabilities: ["review"], agentId: agent!.id, maxPriceCredits: 60 });
    expect(task).toMatchObject({ agentId: agent!.id, maxPriceCredits: 60, status: "queued" });
    const claimed = await call(a, "tasks_claim", { agentId: agent!.id });
    expect(claimed.task).toMatchObject({ id: task.id, holdCredits: 50 });
    expect(await call(b, "credits_balance", {})).toEqual({ balance: 950, held: 50 });
    await call(a, "tasks_complete", { taskId: task.id, result: { verdict: "ship it" } });
    expect(await call(b, "tasks_get", { id: task.id })).toMatchObject({ status: "succeeded", costCredits: 50 });
    expect(await call(a, "credits_balance", {})).toEqual({ balance: 1_045, held: 0 });
    // Past the price the buyer set, nothing is created.
    const dear = await b.callTool({ name: "tasks_create", arguments: { title: "x", requiredCapabilities: ["review"], agentId: agent!.id, maxPriceCredits: 10 } });
    expect(dear.isError).toBe(true);
    expect(JSON.stringify(dear.content)).toContain("above your ceiling");
  });

  it("lists tools generated from the router, with schemas and annotations, and calls one", async () => {
    const { org } = await makeOrg(h.db, "Mcp");
    const client = await connect(await keyFor(org.id, scopes));
    const { tools } = await client.listTools();
    const current = tools.find((t) => t.name === "orgs_current");
    expect(current).toBeDefined();
    expect(current!.annotations).toEqual({ readOnlyHint: true, openWorldHint: false });
    expect(tools.find((t) => t.name === "tasks_cancel")!.annotations).toEqual({ openWorldHint: false });
    expect(tools.find((t) => t.name === "tasks_create")!.annotations).toEqual({ destructiveHint: false, openWorldHint: false });
    expect(current!.outputSchema).toMatchObject({ type: "object" });
    const res = await client.callTool({ name: "orgs_current", arguments: {} });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ id: org.id, name: org.name, role: "owner" });
    expect(JSON.parse((res.content as { text: string }[])[0]!.text)).toMatchObject({ id: org.id });
    // The public tool contract, every name of it.
    const contract = "tasks_create tasks_get tasks_list tasks_claim tasks_report_progress tasks_complete tasks_fail tasks_cancel agents_register agents_list agents_heartbeat templates_search templates_get templates_create generations_create generations_get credits_balance usage_summary";
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(contract.split(" ")));
    const credits = await client.callTool({ name: "credits_balance", arguments: {} });
    expect(credits.structuredContent).toEqual({ balance: 1000, held: 0 });
    await client.close();
  });

  it("hides tools outside the key's scopes and refuses to call them", async () => {
    const { org } = await makeOrg(h.db, "Scoped");
    const client = await connect(await keyFor(org.id, ["tasks:read"]));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).not.toContain("orgs_current");
    const res = await client.callTool({ name: "orgs_current", arguments: {} });
    expect(res.isError).toBe(true);
    expect((res.content as { text: string }[])[0]!.text).toContain("org:read");
    await client.close();
  });

  it("answers 401 with WWW-Authenticate without a key or with a bad one, and 403 for a foreign Origin", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const none = await mcpFetch()("http://localhost:3000/api/mcp", { method: "POST", body, headers });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const bad = await mcpFetch()("http://localhost:3000/api/mcp", { method: "POST", body, headers: { ...headers, authorization: `Bearer cmp_${"q".repeat(40)}` } });
    expect(bad.status).toBe(401);
    const { org } = await makeOrg(h.db, "Origin");
    const secret = await keyFor(org.id, scopes);
    const evil = await mcpFetch()("http://localhost:3000/api/mcp", {
      method: "POST",
      body,
      headers: { ...headers, authorization: `Bearer ${secret}`, origin: "http://evil.example" },
    });
    expect(evil.status).toBe(403);
    const own = await mcpFetch()("http://localhost:3000/api/mcp", {
      method: "POST",
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } } }),
      headers: { ...headers, authorization: `Bearer ${secret}`, origin: "http://localhost:3000" },
    });
    expect(own.status).toBe(200);
  });

  it("generates files with the template tools and reads templates and generated files as resources", async () => {
    const { org } = await makeOrg(h.db, "Agentic");
    const client = await connect(await keyFor(org.id, scopes));
    const created = await client.callTool({
      name: "templates_create",
      arguments: {
        name: "Greeting",
        files: [{ path: "{{ who }}.txt", content: "Hello, {{ who }}!" }],
        variables: { type: "object", properties: { who: { type: "string" } }, required: ["who"] },
        instructions: "Read {{ who }}.txt",
      },
    });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({ slug: "greeting", version: "1.0.0" });

    const missing = await client.callTool({ name: "generations_create", arguments: { templateId: "greeting", format: "json" } });
    expect(missing.isError).toBe(true);
    expect((missing.content as { text: string }[])[0]!.text).toContain("variables.who");

    const gen = await client.callTool({ name: "generations_create", arguments: { templateId: "greeting", variables: { who: "world" }, format: "json" } });
    expect(gen.structuredContent).toMatchObject({ status: "succeeded", instructions: "Read world.txt", files: [{ path: "world.txt", content: "Hello, world!" }] });
    const id = (gen.structuredContent as { id: string }).id;

    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(expect.arrayContaining(["cmp://templates/greeting", `cmp://generations/${id}`]));
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain("cmp://generations/{id}/files/{+path}");
    const tpl = await client.readResource({ uri: "cmp://templates/greeting" });
    expect(JSON.parse((tpl.contents[0] as { text: string }).text)).toMatchObject({ slug: "greeting", version: { files: [{ path: "{{ who }}.txt" }] } });
    const file = await client.readResource({ uri: `cmp://generations/${id}/files/world.txt` });
    expect(file.contents[0]).toMatchObject({ text: "Hello, world!", mimeType: "text/plain" });
    // Failed reads go through the error mapper: a known code, our words, nothing internal.
    await expect(client.readResource({ uri: "cmp://templates/no-such-template" })).rejects.toMatchObject({ code: -32002, message: expect.stringContaining("NOT_FOUND: Template not found") });
    const malformed = await client.readResource({ uri: "cmp://templates/%E0%A4%A" }).catch((e: unknown) => e as { code: number; message: string });
    expect(malformed).toMatchObject({ code: -32002, message: expect.stringContaining("malformed %-escape") });
    expect((malformed as { message: string }).message).not.toMatch(/URI malformed|decodeURIComponent/);
    await client.close();
  });

  it("streams progress notifications while tasks_create waits for the task to end", async () => {
    const { attachTaskBus } = await import("@/server/adapters/pubsub/task-events");
    const { keyCaller } = await import("@/server/trpc/testing");
    await attachTaskBus(h);
    const { org, owner } = await makeOrg(h.db, "Waiter");
    const client = await connect(await keyFor(org.id, scopes));
    const worker = await keyCaller(h.db, org.id, scopes, owner.id);
    const { agent } = await worker.agents.register({ name: "Worker", kind: "mcp", capabilities: ["wait-test"] });
    // The agent works in the background while the client waits.
    const working = (async () => {
      for (let i = 0; i < 100; i++) {
        const { task } = await worker.tasks.claim({ agentId: agent.id });
        if (task) {
          // Paced like a real agent: progress is sampled, so each step must last long enough to be seen.
          for (const p of [25, 50, 75]) {
            await worker.tasks.reportProgress({ taskId: task.id, progress: p, message: `step ${p}` });
            await new Promise((r) => setTimeout(r, 150));
          }
          await worker.tasks.complete({ taskId: task.id, result: { answer: 42 } });
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const notes: { progress: number; message?: string }[] = [];
    const res = await client.callTool(
      { name: "tasks_create", arguments: { title: "Wait for me", requiredCapabilities: ["wait-test"], wait: true, waitSeconds: 20 } },
      undefined,
      { onprogress: (p) => void notes.push({ progress: p.progress, message: p.message }), timeout: 30_000 },
    );
    await working;
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ status: "succeeded", result: { answer: 42 }, waited: { timedOut: false } });
    expect(notes.map((n) => n.progress)).toEqual(expect.arrayContaining([25, 50, 75, 100]));
    expect(notes.some((n) => n.message === "running: step 50")).toBe(true);
    await client.close();
  });
});
