// Scheduling as durable workflows on the in-process runner: the built-in agent generates files
// for a task, a webhook agent gets a signed POST and reports back, and nobody-fits waits.
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { storage } from "@/server/adapters/storage";
import { scopes } from "@/server/services/permissions";
import { verifyWebhookSignature } from "@/server/services/tasks/webhook";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { type RunnerHandle, startRunner } from "../runner/runner";
import { automationWorkflows } from "./automations";
import { generateFilesWorkflow } from "./generate-files";
import { taskSchedulingWorkflows } from "./task-scheduling";

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`not reached in time: ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(dbKinds)("task scheduling on %s", (kind) => {
  let h: DbHandle;
  let runner: RunnerHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
    const deps = { storage: storage(), link: (sub: string, k: "file" | "git") => `http://test/${k}/${sub}`, enqueue: async () => {} };
    const functions = [
      generateFilesWorkflow(async () => ({ db: h.db, storage: storage() })),
      ...taskSchedulingWorkflows(async () => ({ db: h.db, generationDeps: async () => deps, appUrl: "http://test", allowPrivateWebhooks: true, webhookBackoffMs: 5 })),
      ...automationWorkflows(async () => ({ db: h.db })),
    ];
    runner = startRunner({ db: h.db, functions, pollMs: 20, backoffBaseMs: 10, leaseMs: 5_000 });
  });
  afterAll(async () => {
    await runner.stop();
    await h.close();
  });

  it("runs a file generation task on the built-in agent and returns files and instructions", async () => {
    const { org, owner } = await makeOrg(h.db, "Builtin");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    const t = await api.templates.create({
      name: "Readme",
      files: [{ path: "{{ name }}/README.md", content: "# {{ name }}" }],
      variables: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
      instructions: "Open {{ name }}/README.md",
    });
    await expect(api.tasks.create({ title: "bad", templateId: t.id, input: { variables: {} } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("input.variables.name") });
    const task = await api.tasks.create({ title: "Generate the readme", templateId: t.id, input: { variables: { name: "demo" }, format: "json" } });
    expect(task.requiredCapabilities).toEqual(["filegen"]);
    const done = await until(() => api.tasks.get({ id: task.id }), (x) => x.status === "succeeded" || x.status === "failed");
    expect(done).toMatchObject({ status: "succeeded", progress: 100, agentName: "File generator (built-in)", result: { fileCount: 1, files: ["demo/README.md"], instructions: "Open demo/README.md" } });
    expect(done.match?.reasons.join(" ")).toContain("built-in");
    const types = (await api.tasks.events({ taskId: task.id })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["created", "queued", "assigned", "started", "progress", "succeeded"]));
    const runs = await api.runs.list({ subjectId: task.id, limit: 5 });
    expect(runs.items.map((r) => r.functionId)).toContain("dispatch-task");
  });

  it("posts a signed task to a webhook agent, which reports back through the API", async () => {
    const { org, owner } = await makeOrg(h.db, "Hooks");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    let secret = "";
    let calls = 0;
    const verified: boolean[] = [];
    const server = createServer(async (req, res) => {
      calls++;
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString();
      if (calls === 1) return void res.writeHead(502).end(); // one failure, retried
      verified.push(verifyWebhookSignature(secret, req.headers["x-cmp-signature"] as string, body));
      res.writeHead(202).end();
      const { task } = JSON.parse(body) as { task: { id: string } };
      // The agent works asynchronously and reports with its API key.
      setTimeout(async () => {
        await api.tasks.reportProgress({ taskId: task.id, progress: 50, message: "translating" });
        await api.tasks.complete({ taskId: task.id, result: { text: "bonjour" } });
      }, 10);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as { port: number }).port;
      const reg = await api.agents.register({ name: "Translator", kind: "webhook", capabilities: ["translate"], url: `http://127.0.0.1:${port}/tasks` });
      secret = reg.signingSecret!;
      expect(secret).toMatch(/^whsec_/);
      const task = await api.tasks.create({ title: "Say hello in French", requiredCapabilities: ["translate"] });
      const done = await until(() => api.tasks.get({ id: task.id }), (x) => x.status === "succeeded" || x.status === "failed");
      expect(done).toMatchObject({ status: "succeeded", result: { text: "bonjour" }, assignedAgentId: reg.agent.id });
      expect(verified).toEqual([true]);
      expect(calls).toBe(2);
      const stats = await api.agents.get({ agentId: reg.agent.id });
      expect(stats.stats).toMatchObject({ runs: 1, succeeded: 1, successRate: 1 });
    } finally {
      server.close();
    }
  });

  it("leaves a task nobody can do queued, saying which capabilities are missing, until an agent appears", async () => {
    const { org, owner } = await makeOrg(h.db, "Nobody");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    const task = await api.tasks.create({ title: "Needs a quantum computer", requiredCapabilities: ["quantum"] });
    const waiting = await until(() => api.tasks.get({ id: task.id }), (x) => Boolean(x.match));
    expect(waiting).toMatchObject({ status: "queued", match: { missing: ["quantum"] } });
    const agent = (await api.agents.register({ name: "Qubit", kind: "mcp", capabilities: ["quantum"] })).agent;
    const offered = await until(() => api.tasks.get({ id: task.id }), (x) => x.match?.agentId === agent.id);
    expect(offered.match?.reasons[0]).toContain("waiting for a claim");
    expect((await api.tasks.claim({ agentId: agent.id })).task?.id).toBe(task.id);
  });

  it("creates tasks from task templates, by hand, when a task of a template succeeds, and on a schedule", async () => {
    const { org, owner } = await makeOrg(h.db, "Automate");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    const { fireDueAutomations } = await import("@/server/services/tasks/automations");
    const build = await api.taskTemplates.create({ name: "Build", title: "Build {{ app }}", requiredCapabilities: ["ci"], priority: "high", variables: { type: "object", properties: { app: { type: "string" } }, required: ["app"] } });
    const deploy = await api.taskTemplates.create({ name: "Deploy", title: "Deploy after {{ source.title }}", requiredCapabilities: ["ci"] });
    await expect(api.taskTemplates.instantiate({ taskTemplateId: build.id, variables: {} })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("variables.app") });
    await expect(api.automations.create({ name: "Loop", taskTemplateId: deploy.id, trigger: { type: "event", on: "task.succeeded", taskTemplateId: deploy.id } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.automations.create({ name: "Bad cron", taskTemplateId: deploy.id, trigger: { type: "cron", cron: "every day" } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("trigger.cron") });
    const onBuilt = await api.automations.create({ name: "Deploy after build", taskTemplateId: deploy.id, trigger: { type: "event", on: "task.succeeded", taskTemplateId: build.id } });

    const task = await api.taskTemplates.instantiate({ taskTemplateId: build.id, variables: { app: "shop" } });
    expect(task).toMatchObject({ title: "Build shop", priority: 75, requiredCapabilities: ["ci"], taskTemplateId: build.id });
    const { agent } = await api.agents.register({ name: "CI", kind: "mcp", capabilities: ["ci"], maxConcurrency: 5 });
    await api.tasks.claim({ agentId: agent.id });
    await api.tasks.complete({ taskId: task.id });
    const followUp = await until(() => api.tasks.list({ query: "Deploy", limit: 5 }), (p) => p.items.length > 0);
    expect(followUp.items[0]).toMatchObject({ title: "Deploy after Build shop", taskTemplateId: deploy.id });
    // The run is recorded after the task it created: under load the task can be seen first.
    const runs = await until(() => api.automations.runs({ automationId: onBuilt.id }), (r) => r.length > 0);
    expect(runs).toEqual([expect.objectContaining({ status: "created", taskId: followUp.items[0]!.id })]);

    // A schedule fires when due, once, and not while paused.
    const nightly = await api.automations.create({ name: "Nightly build", taskTemplateId: build.id, trigger: { type: "cron", cron: "0 3 * * *" }, variables: { app: "nightly" } });
    expect(nightly.nextFireAt!.getUTCHours()).toBe(3);
    const later = new Date(nightly.nextFireAt!.getTime() + 1000);
    await api.automations.pause({ automationId: nightly.id });
    expect(await fireDueAutomations(h.db, later)).toEqual([]);
    await api.automations.resume({ automationId: nightly.id });
    const created = await fireDueAutomations(h.db, later);
    expect(created).toHaveLength(1);
    expect(await fireDueAutomations(h.db, later)).toEqual([]);
    expect((await api.tasks.get({ id: created[0]! })).title).toBe("Build nightly");
    const after = (await api.automations.list()).find((a) => a.id === nightly.id)!;
    expect(after.nextFireAt!.getTime()).toBeGreaterThan(later.getTime());
  });
});
