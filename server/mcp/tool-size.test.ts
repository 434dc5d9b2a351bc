// What a model pays to connect: every MCP client loads tools/list into its model's context, so
// its size is a budget (issue 16 item 5). Counted as characters / 4, a common token estimate.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { memberships } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { toolProfileInfo } from "@/server/schemas/tool-profiles";
import { scopes } from "@/server/services/permissions";
import { contextFrom } from "@/server/trpc/context";
import { makeOrg } from "@/server/trpc/testing";
import { GET as iconRoute } from "@/app/icons/[file]/route";
import { appUrl, env } from "@/server/env";
import { handleMcpRequest } from "./http";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb("pglite");
});
afterAll(() => h.close());

async function connectFor(extra: Record<string, unknown> = {}) {
  const { org } = await makeOrg(h.db, "Sizes");
  const [owner] = await h.db.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.organizationId, org.id), eq(memberships.role, "owner"))).limit(1);
  const { secret } = await insertApiKey(h.db, { orgId: org.id, name: "size", scopes, createdBy: owner!.id, ...extra });
  const client = new Client({ name: "size-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL("http://localhost:3000/api/mcp"), {
      fetch: async (input, init) => handleMcpRequest(new Request(input as string, init), { createContext: (o) => contextFrom({ db: h.db, sessionUser: async () => null }, o) }),
      requestInit: { headers: { authorization: `Bearer ${secret}` } },
    }),
  );
  return client;
}

async function toolsFor(extra: Record<string, unknown> = {}) {
  const client = await connectFor(extra);
  const { tools } = await client.listTools();
  await client.close();
  return tools;
}

/** The app's answer to an icon URL, from the route that serves /icons/<file>. */
async function fetchIcon(src: string) {
  const url = new URL(src);
  expect(url.origin).toBe(appUrl(env));
  const file = /^\/icons\/([^/]+)$/.exec(url.pathname)?.[1];
  expect(file, src).toBeTruthy();
  return iconRoute(new Request(url), { params: Promise.resolve({ file: file! }) });
}

const tokens = (v: unknown) => Math.ceil(JSON.stringify(v).length / 4);

describe("tools/list size", () => {
  it("an all-scopes key's full list stays under 12,000 tokens, icons included", async () => {
    const tools = await toolsFor();
    expect(tools.every((t) => t.icons?.length)).toBe(true);
    const report = tools.map((t) => [t.name, tokens(t)] as const).sort((a, b) => b[1] - a[1]);
    console.log(`full list: ${tools.length} tools, ${tokens(tools)} tokens; largest: ${report.slice(0, 8).map(([n, t]) => `${n} ${t}`).join(", ")}`);
    expect(tokens(tools)).toBeLessThan(12_000);
  });

  it("the agent profile lists only an agent's tools, under 4,000 tokens, and every tool has a title", async () => {
    const tools = await toolsFor({ toolProfile: "agent" });
    console.log(`agent profile: ${tools.length} tools, ${tokens(tools)} tokens`);
    expect(tools.map((t) => t.name).sort()).toEqual([...toolProfileInfo.agent.tools!].sort());
    expect(tokens(tools)).toBeLessThan(4_000);
    expect(tools.every((t) => t.title && t.title !== t.name && t.icons?.length)).toBe(true);
    // The author and operator profiles each stay well below the full list.
    for (const profile of ["author", "operator"] as const) {
      const listed = await toolsFor({ toolProfile: profile });
      expect(listed.map((t) => t.name).sort()).toEqual([...toolProfileInfo[profile].tools!].sort());
      console.log(`${profile} profile: ${listed.length} tools, ${tokens(listed)} tokens`);
    }
  });

  it("keeps what a model needs: uuid formats without patterns, shared result shapes named, validation on the server", async () => {
    const tools = await toolsFor();
    const get = tools.find((t) => t.name === "tasks_get")!;
    expect(get.inputSchema.properties).toEqual({ id: { type: "string", format: "uuid" } });
    expect(JSON.stringify(tools)).not.toContain("[0-9a-fA-F]{8}");
    // The task's shape is declared once, on tasks_get; the others point to it.
    expect(get.outputSchema?.properties).toHaveProperty("status");
    const complete = tools.find((t) => t.name === "tasks_complete")!;
    expect(complete.outputSchema).toBeUndefined();
    expect(complete.description).toMatch(/Returns the same object as tasks_get\.$/);
    // A list of those objects names it too, keeping only its own fields (items, nextCursor).
    const list = tools.find((t) => t.name === "tasks_list")!;
    expect(list.description).toMatch(/Each of items is the object tasks_get returns\.$/);
    expect(list.outputSchema?.properties).toEqual({ items: { type: "array", items: { type: "object" } }, nextCursor: { type: ["string", "null"] } });
    // A base's object with a field more declares only that field; one with fields fewer says which.
    const create = tools.find((t) => t.name === "tasks_create")!;
    expect(create.outputSchema).toEqual({ type: "object", properties: { waited: { type: "object" } } });
    expect(create.description).toMatch(/Returns the object tasks_get returns, plus waited\.$/);
    const cancel = tools.find((t) => t.name === "runs_cancel")!;
    expect(cancel.outputSchema).toBeUndefined();
    expect(cancel.description).toMatch(/Returns the object runs_get returns, without [A-Za-z, ]+\.$/);
    expect(tools.find((t) => t.name === "runs_list")!.description).toContain("Each of items is the object runs_get returns, without");
    // No pattern on any input (the server's error names the rule), but a field may still be called anything.
    expect(JSON.stringify(tools.map((t) => t.inputSchema))).not.toContain('"pattern"');
    // Dates say what they are instead of an empty schema.
    expect((tools.find((t) => t.name === "tasks_create")!.inputSchema.properties as Record<string, unknown>).deadline).toEqual({ type: "string", format: "date-time" });
  });
});

describe("icons", () => {
  it("every tool and prompt has an icon whose URL the app answers with an SVG, and an unknown icon is a 404", async () => {
    const client = await connectFor();
    const { tools } = await client.listTools();
    const { prompts } = await client.listPrompts();
    await client.close();
    expect(prompts.length).toBeGreaterThan(0);
    const srcs = new Set<string>();
    for (const item of [...tools, ...prompts]) {
      expect(item.icons?.length, item.name).toBeGreaterThan(0);
      for (const icon of item.icons!) srcs.add(icon.src);
    }
    expect(tools.find((t) => t.name === "tasks_claim")!.icons![0]!.src).toBe(`${appUrl(env)}/icons/tasks.svg`);
    expect(tools.find((t) => t.name === "generations_create")!.icons![0]!.src).toBe(`${appUrl(env)}/icons/generations.svg`);
    expect(srcs.size).toBeGreaterThanOrEqual(9); // one per domain
    for (const src of srcs) {
      const res = await fetchIcon(src);
      expect(res.status, src).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(res.headers.get("cache-control")).toContain("public");
      const svg = await res.text();
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 32 32">.*<\/svg>$/s);
      expect(svg).not.toMatch(/<script|on\w+=/i);
    }
    expect((await fetchIcon(`${appUrl(env)}/icons/nope.svg`)).status).toBe(404);
    expect((await fetchIcon(`${appUrl(env)}/icons/tasks.png`)).status).toBe(404);
  });
});

describe("lean schemas still validate", () => {
  it("refuses a malformed uuid with the field named, and structuredContent matches the outlined schema", async () => {
    const { org } = await makeOrg(h.db, "Valid");
    const [owner] = await h.db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.organizationId, org.id)).limit(1);
    const { secret } = await insertApiKey(h.db, { orgId: org.id, name: "v", scopes, createdBy: owner!.id });
    const client = new Client({ name: "v", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL("http://localhost:3000/api/mcp"), {
        fetch: async (input, init) => handleMcpRequest(new Request(input as string, init), { createContext: (o) => contextFrom({ db: h.db, sessionUser: async () => null }, o) }),
        requestInit: { headers: { authorization: `Bearer ${secret}` } },
      }),
    );
    await client.listTools(); // the client caches output validators from the list
    const bad = await client.callTool({ name: "tasks_get", arguments: { id: "not-a-uuid" } });
    expect(bad.isError).toBe(true);
    expect((bad.content as { text: string }[])[0]!.text).toContain("id must be a UUID");
    // The SDK client validates structuredContent against the declared outputSchema (with formats).
    const created = await client.callTool({ name: "tasks_create", arguments: { title: "Lean", deadline: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(created.isError).toBeFalsy();
    const id = (created.structuredContent as { id: string }).id;
    const got = await client.callTool({ name: "tasks_get", arguments: { id } });
    expect(got.structuredContent).toMatchObject({ id, title: "Lean", status: expect.any(String) });
    const listed = await client.callTool({ name: "tasks_list", arguments: {} });
    expect((listed.structuredContent as { items: unknown[] }).items).toHaveLength(1);
    await client.close();
  });
});
