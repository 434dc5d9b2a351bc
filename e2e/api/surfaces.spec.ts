import { execFile } from "node:child_process";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect, test } from "@playwright/test";
import { baseURL, seedApiKey } from "../../playwright.config";
import { createClient } from "../../sdk/index";

const run = promisify(execFile);

test("an MCP client lists and calls tools on the running app", async () => {
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${baseURL}/api/mcp`), { requestInit: { headers: { authorization: `Bearer ${seedApiKey}` } } }),
  );
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toContain("orgs_current");
  const res = await client.callTool({ name: "orgs_current", arguments: {} });
  expect(res.structuredContent).toMatchObject({ name: "Demo", role: "owner" });
  const bad = await client.callTool({ name: "orgs_current", arguments: { unexpected: 1 } });
  expect(bad.isError ?? false).toBe(false); // unknown keys are ignored, not fatal
  await client.close();
});

test("the SDK calls procedures with types and reports errors with fields", async () => {
  const cmp = createClient({ url: baseURL, apiKey: seedApiKey });
  const org = await cmp.orgs.current.query();
  expect(org.slug).toBe("demo");
  await expect(cmp.apiKeys.create.mutate({ name: "", scopes: ["org:read"] })).rejects.toMatchObject({ data: { code: "BAD_REQUEST" } });
});

test("REST answers and the OpenAPI document is served", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  const org = await request.get("/api/v1/org", { headers: { authorization: `Bearer ${seedApiKey}` } });
  expect(await org.json()).toMatchObject({ slug: "demo" });
});

test("the CLI logs in (config saved 0600) and answers with --json and clear errors", async () => {
  const home = await mkdtemp(path.join(tmpdir(), "cmp-cli-"));
  const env = { ...process.env, XDG_CONFIG_HOME: home, CLOUD_MCP_API_KEY: "", CLOUD_MCP_URL: "" };
  const cli = path.resolve("cli/bin.mjs");
  await run(process.execPath, [cli, "login", "--url", baseURL, "--key", seedApiKey], { env });
  const mode = (await stat(path.join(home, "cloud-mcp", "config.json"))).mode & 0o777;
  expect(mode).toBe(0o600);
  const { stdout } = await run(process.execPath, [cli, "whoami", "--json"], { env });
  expect(JSON.parse(stdout)).toMatchObject({ slug: "demo" });
  const help = await run(process.execPath, [cli, "--help"], { env });
  expect(help.stdout).toContain("whoami");
  const failed = await run(process.execPath, [cli, "whoami"], { env: { ...env, CLOUD_MCP_API_KEY: `cmp_${"n".repeat(40)}` } }).catch((e: { code: number; stderr: string }) => e);
  expect((failed as { code: number }).code).toBe(1);
  expect((failed as { stderr: string }).stderr).toContain("UNAUTHORIZED");
});

test("the CLI finds a seeded template and generates it into a folder, a ZIP and a clone URL", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "cmp-gen-"));
  const env = { ...process.env, XDG_CONFIG_HOME: dir, CLOUD_MCP_API_KEY: seedApiKey, CLOUD_MCP_URL: baseURL };
  const cli = path.resolve("cli/bin.mjs");
  const found = JSON.parse((await run(process.execPath, [cli, "templates", "search", "github actions", "--json"], { env })).stdout) as { items: { slug: string }[] };
  expect(found.items[0]!.slug).toBe("github-actions-ci-for-node-js");

  const out = path.join(dir, "app");
  const { stdout } = await run(process.execPath, [cli, "generate", "github-actions-ci-for-node-js", "--var", "postgres=true", "--var", 'nodeVersions=["22"]', "--out", out], { env });
  expect(stdout).toContain("Commit `.github/workflows/ci.yml`");
  const yml = await readFile(path.join(out, ".github/workflows/ci.yml"), "utf8");
  expect(yml).toContain('node: ["22"]');
  expect(yml).toContain("postgres:16");

  const zipPath = path.join(dir, "ci.zip");
  await run(process.execPath, [cli, "generate", "github-actions-ci-for-node-js", "--format", "zip", "--out", zipPath], { env });
  expect((await readFile(zipPath)).subarray(0, 2).toString()).toBe("PK");

  const git = JSON.parse((await run(process.execPath, [cli, "generate", "github-actions-ci-for-node-js", "--format", "git", "--json"], { env })).stdout) as { cloneUrl: string };
  expect(git.cloneUrl).toMatch(/\/api\/git\/.+\.git$/);

  const bad = await run(process.execPath, [cli, "generate", "github-actions-ci-for-node-js", "--var", "nodeVersions=7"], { env }).catch((e: { code: number; stderr: string }) => e);
  expect((bad as { code: number }).code).toBe(1);
  expect((bad as { stderr: string }).stderr).toContain("variables.nodeVersions");
});

test("the CLI registers an agent, creates a file generation task and follows it live to its result", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "cmp-tasks-"));
  const env = { ...process.env, XDG_CONFIG_HOME: dir, CLOUD_MCP_API_KEY: seedApiKey, CLOUD_MCP_URL: baseURL };
  const cli = path.resolve("cli/bin.mjs");
  const reg = JSON.parse((await run(process.execPath, [cli, "agents", "register", "CLI reviewer", "--cap", "cli:review", "--json"], { env })).stdout) as { agent: { kind: string } };
  expect(reg.agent.kind).toBe("mcp");
  const { stdout } = await run(process.execPath, [cli, "tasks", "create", "Route handler for orders", "--template", "next-js-route-handler-with-test", "--var", "resource=orders", "--var", "entity=Order", "--format", "json", "--wait", "--json"], { env });
  const task = JSON.parse(stdout) as { status: string; result: { files: string[]; instructions: string } };
  expect(task.status).toBe("succeeded");
  expect(task.result.files).toEqual(["app/api/orders/route.test.ts", "app/api/orders/route.ts"]);
  const listed = JSON.parse((await run(process.execPath, [cli, "tasks", "list", "--json"], { env })).stdout) as { items: { title: string }[] };
  expect(listed.items.map((t) => t.title)).toContain("Route handler for orders");
  const usage = JSON.parse((await run(process.execPath, [cli, "usage", "--days", "7", "--json"], { env })).stdout) as { totals: { tasksCreated: number; generations: number } };
  expect(usage.totals.tasksCreated).toBeGreaterThan(0);
  expect(usage.totals.generations).toBeGreaterThan(0);
  const credits = JSON.parse((await run(process.execPath, [cli, "credits", "--json"], { env })).stdout) as { balance: number; held: number; history: { kind: string }[] };
  expect(credits).toMatchObject({ balance: expect.any(Number), held: 0 });
  expect(credits.history.map((e) => e.kind)).toContain("grant");
  const bad = await run(process.execPath, [cli, "tasks", "create", "x", "--template", "next-js-route-handler-with-test"], { env }).catch((e: { code: number; stderr: string }) => e);
  expect((bad as { code: number }).code).toBe(1);
  expect((bad as { stderr: string }).stderr).toContain("input.variables.resource");
});

test("the SDK receives live task events over SSE", async () => {
  const api = createClient({ url: baseURL, apiKey: seedApiKey });
  const cap = `sse:${Date.now().toString(36)}`;
  const { agent } = await api.agents.register.mutate({ name: "SSE worker", kind: "mcp", capabilities: [cap] });
  const seen: string[] = [];
  let taskId = "";
  const done = new Promise<void>((resolve, reject) => {
    const sub = api.tasks.watch.subscribe(
      {},
      {
        onData: (s) => {
          if (s.taskId !== taskId) return;
          seen.push(`${s.type}:${s.progress}`);
          if (s.type === "succeeded") {
            sub.unsubscribe();
            resolve();
          }
        },
        onError: reject,
      },
    );
  });
  await new Promise((r) => setTimeout(r, 300)); // let the stream open
  taskId = (await api.tasks.create.mutate({ title: "Streamed", requiredCapabilities: [cap] })).id;
  await api.tasks.claim.mutate({ agentId: agent.id });
  await api.tasks.reportProgress.mutate({ taskId, progress: 60 });
  await api.tasks.complete.mutate({ taskId });
  await done;
  expect(seen).toEqual(expect.arrayContaining(["assigned:0", "started:60", "succeeded:100"]));
});
