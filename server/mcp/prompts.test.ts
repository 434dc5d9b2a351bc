// Prompts, completions, titles and the server's introduction, through the official SDK client.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { insertApiKey } from "@/server/services/keys/api-keys";
import { type Scope, scopes } from "@/server/services/permissions";
import type { ToolProfile } from "@/server/schemas/tool-profiles";
import { contextFrom } from "@/server/trpc/context";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { handleMcpRequest } from "./http";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb("pglite");
});
afterAll(() => h.close());

async function connect(orgId: string, ownerId: string, keyScopes: readonly Scope[] = scopes, toolProfile?: ToolProfile) {
  const { secret } = await insertApiKey(h.db, { orgId, name: "prompts", scopes: keyScopes, createdBy: ownerId, toolProfile });
  const client = new Client({ name: "prompt-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL("http://localhost:3000/api/mcp"), {
      fetch: async (input, init) => handleMcpRequest(new Request(input as string, init), { createContext: (o) => contextFrom({ db: h.db, sessionUser: async () => null }, o) }),
      requestInit: { headers: { authorization: `Bearer ${secret}` } },
    }),
  );
  return client;
}
const textOf = (r: { messages: { content: unknown }[] }) => (r.messages[0]!.content as { text: string }).text;

describe("MCP prompts and completions", () => {
  it("introduces itself with a title, an icon and prompts and completions capabilities", async () => {
    const { org, owner } = await makeOrg(h.db, "Intro");
    const client = await connect(org.id, owner.id);
    const info = client.getServerVersion()!;
    expect(info).toMatchObject({ name: "cloud-mcp-platform", title: "Cloud MCP Platform" });
    expect(info.icons?.[0]).toMatchObject({ mimeType: "image/svg+xml", src: expect.stringMatching(/^data:image\/svg\+xml;base64,/) });
    expect(Buffer.from(info.icons![0]!.src.split(",")[1]!, "base64").toString()).toContain("<svg");
    expect(client.getServerCapabilities()).toMatchObject({ prompts: {}, completions: {} });
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === "tasks_claim")!.title).toBe("Claim the next task");
    await client.close();
  });

  it("hand_off_task names the agents offering the capability, completes capabilities, and refuses a missing title", async () => {
    const { org, owner } = await makeOrg(h.db, "Handoff");
    const worker = await keyCaller(h.db, org.id, scopes, owner.id);
    const { agent } = await worker.agents.register({ name: "Reviewer", kind: "mcp", capabilities: ["code:review", "code:typescript"] });
    await worker.agents.register({ name: "Writer", kind: "mcp", capabilities: ["docs"] });
    const client = await connect(org.id, owner.id);

    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(["hand_off_task", "scaffold_project"]);
    const handOff = prompts.find((p) => p.name === "hand_off_task")!;
    expect(handOff.title).toBe("Hand a task to the best agent");
    expect(handOff.arguments).toEqual([
      { name: "title", description: "What needs doing, in one line", required: true },
      { name: "capability", description: expect.stringContaining("e.g. code:review") },
      { name: "details", description: expect.stringContaining("acceptance criteria") },
    ]);

    const done = await client.complete({ ref: { type: "ref/prompt", name: "hand_off_task" }, argument: { name: "capability", value: "code" } });
    expect(done.completion.values).toEqual(["code:review", "code:typescript"]);
    const none = await client.complete({ ref: { type: "ref/prompt", name: "hand_off_task" }, argument: { name: "title", value: "x" } });
    expect(none.completion.values).toEqual([]);

    const got = await client.getPrompt({ name: "hand_off_task", arguments: { title: "Review PR 12", capability: "code:review", details: "Check the tests" } });
    const text = textOf(got);
    expect(got.messages[0]!.role).toBe("user");
    expect(text).toContain(`Reviewer (agentId ${agent.id})`);
    expect(text).not.toContain("Writer");
    expect(text).toContain('"requiredCapabilities":["code:review"]');
    expect(text).toContain("tasks_create");

    const nobody = textOf(await client.getPrompt({ name: "hand_off_task", arguments: { title: "Translate", capability: "i18n" } }));
    expect(nobody).toContain('No agent offers "i18n" yet');
    await expect(client.getPrompt({ name: "hand_off_task", arguments: {} })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining("title") });
    await expect(client.getPrompt({ name: "no_such_prompt", arguments: {} })).rejects.toMatchObject({ code: -32602 });
    await client.close();
  });

  it("scaffold_project completes template slugs (also for the templates resource), and fills the prompt with the variables schema", async () => {
    const { org, owner } = await makeOrg(h.db, "Scaffold");
    const author = await keyCaller(h.db, org.id, scopes, owner.id);
    await author.templates.create({
      name: "Next starter",
      files: [{ path: "README.md", content: "# {{ name }}" }],
      variables: { type: "object", properties: { name: { type: "string", description: "the project's name" } }, required: ["name"] },
    });
    await author.templates.create({ name: "Go service", files: [{ path: "main.go", content: "package main" }] });
    const client = await connect(org.id, owner.id);

    const slugs = await client.complete({ ref: { type: "ref/prompt", name: "scaffold_project" }, argument: { name: "template", value: "ne" } });
    expect(slugs.completion.values).toEqual(["next-starter"]);
    const byName = await client.complete({ ref: { type: "ref/prompt", name: "scaffold_project" }, argument: { name: "template", value: "service" } });
    expect(byName.completion.values).toEqual(["go-service"]);
    const formats = await client.complete({ ref: { type: "ref/prompt", name: "scaffold_project" }, argument: { name: "format", value: "g" } });
    expect(formats.completion.values).toEqual(["git"]);
    const resource = await client.complete({ ref: { type: "ref/resource", uri: "cmp://templates/{idOrSlug}{?version}" }, argument: { name: "idOrSlug", value: "go" } });
    expect(resource.completion.values).toEqual(["go-service"]);

    const text = textOf(await client.getPrompt({ name: "scaffold_project", arguments: { template: "next-starter", variables: '{"name":"acme"}', format: "json" } }));
    expect(text).toContain('"Next starter" (next-starter, version 1.0.0)');
    expect(text).toContain("the project's name");
    expect(text).toContain('Known so far: {"name":"acme"}');
    expect(text).toContain('generations_create with {"templateId":"next-starter","version":"1.0.0","variables":{"name":"acme"},"format":"json"}');

    await expect(client.getPrompt({ name: "scaffold_project", arguments: { template: "next-starter", variables: "{oops" } })).rejects.toMatchObject({ message: expect.stringContaining("must be a JSON object") });
    await expect(client.getPrompt({ name: "scaffold_project", arguments: { template: "missing" } })).rejects.toMatchObject({ message: expect.stringContaining("templates_search") });
    await expect(client.getPrompt({ name: "scaffold_project", arguments: { template: "next-starter", format: "tar" } })).rejects.toMatchObject({ code: -32602 });
    await client.close();
  });

  it("lists only the prompts whose tools the key may call, whatever its tool profile", async () => {
    const { org, owner } = await makeOrg(h.db, "Narrow");
    const reader = await connect(org.id, owner.id, ["templates:read", "generations:write", "org:read"]);
    expect((await reader.listPrompts()).prompts.map((p) => p.name)).toEqual(["scaffold_project"]);
    await expect(reader.getPrompt({ name: "hand_off_task", arguments: { title: "x" } })).rejects.toMatchObject({ code: -32602 });
    await reader.close();
    // The profile narrows tools/list only: an agent key may still use prompts and call an unlisted tool its scopes allow.
    const agent = await connect(org.id, owner.id, scopes, "agent");
    expect((await agent.listTools()).tools.map((t) => t.name)).not.toContain("tasks_create");
    expect((await agent.listPrompts()).prompts).toHaveLength(2);
    const created = await agent.callTool({ name: "tasks_create", arguments: { title: "From an agent key" } });
    expect(created.isError).toBeFalsy();
    await agent.close();
  });
});
