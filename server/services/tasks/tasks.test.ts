// Tasks and agents on both databases, through the router as the surfaces call it.
import { createServer, type IncomingMessage } from "node:http";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { agents, tasks } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { listAgents, markStaleAgentsOffline } from "./agents";
import { attachTaskBus, taskSignals } from "@/server/adapters/pubsub/task-events";
import { requeueExpiredLeases } from "./claim";
import { canMove, transitions } from "./status";
import { assertDeliverableUrl, deliverWebhook, verifyWebhookSignature } from "./webhook";

type Api = Awaited<ReturnType<typeof keyCaller>>;

async function newOrg(h: DbHandle, name: string) {
  const { org, owner } = await makeOrg(h.db, name);
  return { org, api: await keyCaller(h.db, org.id, scopes, owner.id) };
}

const mcpAgent = (api: Api, capabilities: string[], maxConcurrency = 1, name = `agent-${Math.random().toString(36).slice(2, 7)}`) =>
  api.agents.register({ name, kind: "mcp", capabilities, maxConcurrency }).then((r) => r.agent);

describe("the status machine", () => {
  it("allows the designed transitions only", () => {
    expect(canMove("blocked", "queued")).toBe(true);
    expect(canMove("queued", "assigned")).toBe(true);
    expect(canMove("running", "succeeded")).toBe(true);
    expect(canMove("failed", "queued")).toBe(true);
    expect(canMove("succeeded", "queued")).toBe(false);
    expect(canMove("queued", "succeeded")).toBe(false);
    expect(canMove("blocked", "running")).toBe(false);
    expect(transitions.succeeded).toEqual([]);
  });
});

describe("webhook signing and SSRF guard", () => {
  it("verifies what it signs, and refuses tampering and stale timestamps", async () => {
    const body = JSON.stringify({ a: 1 });
    const received: { sig: string | null; body: string }[] = [];
    const server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      received.push({ sig: req.headers["x-cmp-signature"] as string, body: Buffer.concat(chunks).toString() });
      res.writeHead(received.length < 3 ? 503 : 200).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
      const out = await deliverWebhook({ url, secret: "whsec_test" }, { a: 1 }, { allowPrivate: true, backoffMs: 5 });
      expect(out).toEqual({ status: 200, attempts: 3 });
      expect(received).toHaveLength(3);
      expect(received[2]!.body).toBe(body);
      expect(verifyWebhookSignature("whsec_test", received[2]!.sig, body)).toBe(true);
      expect(verifyWebhookSignature("whsec_other", received[2]!.sig, body)).toBe(false);
      expect(verifyWebhookSignature("whsec_test", received[2]!.sig, `${body} `)).toBe(false);
      expect(verifyWebhookSignature("whsec_test", received[2]!.sig, body, { now: Date.now() + 3_600_000 })).toBe(false);
      await expect(deliverWebhook({ url, secret: "s" }, {}, { allowPrivate: false })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    } finally {
      server.close();
    }
    await expect(assertDeliverableUrl("http://10.1.2.3/x", { allowPrivate: false })).rejects.toThrow(/private/);
    await expect(assertDeliverableUrl("http://[::1]:80/x", { allowPrivate: false })).rejects.toThrow(/private/);
    await expect(assertDeliverableUrl("http://localhost/x", { allowPrivate: false })).rejects.toThrow(/private/);
    await expect(assertDeliverableUrl("http://user:pw@example.com/", { allowPrivate: true })).rejects.toThrow(/credentials/);
    await expect(assertDeliverableUrl("http://93.184.216.34/x", { allowPrivate: false })).resolves.toBeUndefined();
  });
});

describe.each(dbKinds)("tasks and agents on %s", (kind) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("gives every organization its built-in agent at creation, so listing agents writes nothing", async () => {
    const { org, owner } = await makeOrg(h.db, "Reader");
    const listed = await h.db.transaction(async (tx) => {
      await tx.execute(sql`set transaction read only`); // any write in here fails
      return listAgents({ db: tx, orgId: org.id, actor: { type: "user", userId: owner.id, label: "reader" }, role: "owner" }, { scope: "mine", limit: 10 });
    });
    expect(listed.map((a) => a.kind)).toEqual(["builtin:filegen"]);
  });

  it("creates queued or blocked tasks, and refuses unknown, foreign and cyclic dependencies", async () => {
    const { api } = await newOrg(h, "Deps");
    const a = await api.tasks.create({ title: "A", priority: "high" });
    expect(a).toMatchObject({ status: "queued", priority: 75 });
    const b = await api.tasks.create({ title: "B", dependsOn: [a.id] });
    expect(b).toMatchObject({ status: "blocked", dependsOn: [a.id] });
    expect(b.blockedReason).toContain('"A"');
    const c = await api.tasks.create({ title: "C", dependsOn: [b.id] });
    // A → B → C; making A depend on C closes a cycle.
    await expect(api.tasks.update({ taskId: a.id, dependsOn: [c.id] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("cycle") });
    await expect(api.tasks.update({ taskId: a.id, dependsOn: [a.id] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const other = await newOrg(h, "Other");
    const foreign = await other.api.tasks.create({ title: "Theirs" });
    await expect(api.tasks.create({ title: "D", dependsOn: [foreign.id] })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("dependsOn") });
    const events = await api.tasks.events({ taskId: b.id });
    expect(events.map((e) => e.type)).toEqual(["created", "blocked"]);
  });

  it("releases dependents when a dependency succeeds, and keeps them blocked with the reason when it fails", async () => {
    const { api } = await newOrg(h, "Release");
    const agent = await mcpAgent(api, ["build"], 5);
    const first = await api.tasks.create({ title: "compile", requiredCapabilities: ["build"] });
    const second = await api.tasks.create({ title: "package", requiredCapabilities: ["build"], dependsOn: [first.id] });
    const claimed = await api.tasks.claim({ agentId: agent.id });
    expect(claimed.task?.id).toBe(first.id);
    const running = await api.tasks.reportProgress({ taskId: first.id, progress: 40, message: "halfway" });
    expect(running).toMatchObject({ status: "running", progress: 40, progressMessage: "halfway" });
    await expect(api.tasks.complete({ taskId: second.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await api.tasks.complete({ taskId: first.id, result: { ok: true } });
    expect(await api.tasks.get({ id: second.id })).toMatchObject({ status: "queued", blockedReason: null });

    const third = await api.tasks.create({ title: "deploy", requiredCapabilities: ["build"], dependsOn: [second.id] });
    await api.tasks.claim({ agentId: agent.id });
    const failed = await api.tasks.fail({ taskId: second.id, error: "disk full" });
    expect(failed).toMatchObject({ status: "failed", error: { message: "disk full" } });
    expect(await api.tasks.get({ id: third.id })).toMatchObject({ status: "blocked", blockedReason: 'dependency "package" failed' });
    // Retrying the dependency and finishing it releases the dependent.
    await api.tasks.retry({ taskId: second.id });
    await api.tasks.claim({ agentId: agent.id });
    await api.tasks.complete({ taskId: second.id });
    expect((await api.tasks.get({ id: third.id })).status).toBe("queued");
  });

  it("retries a retryable failure until attempts run out", async () => {
    const { api } = await newOrg(h, "Retry");
    const agent = await mcpAgent(api, ["flaky"]);
    const t = await api.tasks.create({ title: "flaky", requiredCapabilities: ["flaky"], maxAttempts: 2 });
    await api.tasks.claim({ agentId: agent.id });
    expect(await api.tasks.fail({ taskId: t.id, error: "timeout", retryable: true })).toMatchObject({ status: "queued", attempts: 1 });
    await api.tasks.claim({ agentId: agent.id });
    expect(await api.tasks.fail({ taskId: t.id, error: "timeout", retryable: true })).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("hands out by priority then age, within capabilities and concurrency", async () => {
    const { api } = await newOrg(h, "Order");
    const agent = await mcpAgent(api, ["go", "sql"], 2);
    const low = await api.tasks.create({ title: "low", priority: "low", requiredCapabilities: ["go"] });
    const urgent = await api.tasks.create({ title: "urgent", priority: "urgent", requiredCapabilities: ["go"] });
    await api.tasks.create({ title: "needs rust", priority: 100, requiredCapabilities: ["rust"] });
    expect((await api.tasks.claim({ agentId: agent.id })).task?.id).toBe(urgent.id);
    expect((await api.tasks.claim({ agentId: agent.id })).task?.id).toBe(low.id);
    const full = await api.tasks.claim({ agentId: agent.id });
    expect(full.task).toBeNull();
    expect(full.reason).toContain("2 of its 2");
    const queue = await api.tasks.list({ sort: "queue", status: "queued", limit: 10 });
    expect(queue.items.map((t) => t.title)).toEqual(["needs rust"]);
  });

  it("gives each of 50 tasks to exactly one of 8 agents claiming concurrently", async () => {
    const { api } = await newOrg(h, "Race");
    const n = 50;
    for (let i = 0; i < n; i++) await api.tasks.create({ title: `job ${i}`, requiredCapabilities: ["race"], priority: i % 100 });
    const crew = await Promise.all(Array.from({ length: 8 }, (_, i) => mcpAgent(api, ["race"], n, `racer ${i}`)));
    const got: string[][] = await Promise.all(
      crew.map(async (agent) => {
        const mine: string[] = [];
        for (;;) {
          const { task } = await api.tasks.claim({ agentId: agent.id });
          if (!task) return mine;
          mine.push(task.id);
        }
      }),
    );
    const all = got.flat();
    expect(all).toHaveLength(n);
    expect(new Set(all).size).toBe(n);
    const [row] = await h.db.select({ n: sql<number>`count(distinct assigned_agent_id)::int` }).from(tasks).where(sql`title like 'job %' and status = 'assigned'`);
    expect(row!.n).toBeGreaterThan(0);
  });

  it("requeues a task whose lease expired, and the tasks of an agent gone silent", async () => {
    const { api, org } = await newOrg(h, "Lease");
    const agent = await mcpAgent(api, ["slow"], 3);
    const t1 = await api.tasks.create({ title: "one", requiredCapabilities: ["slow"] });
    const t2 = await api.tasks.create({ title: "two", requiredCapabilities: ["slow"] });
    await api.tasks.claim({ agentId: agent.id });
    await h.db.update(tasks).set({ leaseExpiresAt: new Date(Date.now() - 1000) }).where(eq(tasks.id, t1.id));
    expect(await requeueExpiredLeases(h.db)).toContain(t1.id);
    expect(await api.tasks.get({ id: t1.id })).toMatchObject({ status: "queued", assignedAgentId: null });
    expect((await api.tasks.events({ taskId: t1.id })).map((e) => e.type)).toContain("lease_expired");

    await api.tasks.claim({ agentId: agent.id });
    await api.tasks.claim({ agentId: agent.id });
    await h.db.update(agents).set({ lastHeartbeatAt: new Date(Date.now() - 10 * 60_000) }).where(eq(agents.id, agent.id));
    const stale = await markStaleAgentsOffline(h.db);
    expect(stale.agents).toContain(agent.id);
    expect(stale.requeued.sort()).toEqual([t1.id, t2.id].sort());
    expect((await api.agents.get({ agentId: agent.id })).status).toBe("offline");
    expect((await api.agents.heartbeat({ agentId: agent.id })).status).toBe("online");
    expect(org.id).toBeTruthy();
  });

  it("matches by capability and load, and names capabilities nobody offers", async () => {
    const { api, org } = await newOrg(h, "Match");
    const { matchTask } = await import("./matching");
    const busy = await mcpAgent(api, ["py"], 2, "busy");
    const idle = await mcpAgent(api, ["py", "ml"], 2, "idle");
    const warm = await api.tasks.create({ title: "warm", requiredCapabilities: ["py"] });
    await api.tasks.claim({ agentId: busy.id });
    expect((await api.tasks.get({ id: warm.id })).assignedAgentId).toBe(busy.id);
    const [task] = await h.db.insert(tasks).values({ organizationId: org.id, title: "x", status: "queued", requiredCapabilities: ["py"] }).returning();
    const m = await matchTask(h.db, task!);
    expect(m.best?.agent.id).toBe(idle.id);
    expect(m.match.reasons.join(" ")).toContain("load 0/2");
    const [nobody] = await h.db.insert(tasks).values({ organizationId: org.id, title: "y", status: "queued", requiredCapabilities: ["py", "cobol"] }).returning();
    const none = await matchTask(h.db, nobody!);
    expect(none.best).toBeNull();
    expect(none.match.missing).toEqual(["cobol"]);
    const stats = (await api.agents.list({ capability: "ml", limit: 10 })).map((a) => a.name);
    expect(stats).toEqual(["idle"]);
  });

  it("signals task changes live to subscribers", async () => {
    await attachTaskBus(h);
    const { api, org } = await newOrg(h, "Live");
    const agent = await mcpAgent(api, ["live"]);
    const ac = new AbortController();
    const seen: string[] = [];
    const reader = (async () => {
      for await (const s of taskSignals(org.id, { signal: ac.signal })) {
        seen.push(`${s.type}:${s.progress}`);
        if (s.type === "succeeded") ac.abort();
      }
    })();
    const t = await api.tasks.create({ title: "watch me", requiredCapabilities: ["live"] });
    await api.tasks.claim({ agentId: agent.id });
    await api.tasks.reportProgress({ taskId: t.id, progress: 30 });
    await api.tasks.reportProgress({ taskId: t.id, progress: 70 });
    await api.tasks.complete({ taskId: t.id });
    await Promise.race([reader, new Promise((_, rej) => setTimeout(() => rej(new Error(`only saw ${seen.join(", ")}`)), 5000))]);
    // The offer to MCP agents is recorded as the task is queued, in the same transaction.
    expect(seen).toEqual(["created:0", "queued:0", "offered:0", "assigned:0", "started:30", "progress:70", "succeeded:100"]);
  });

  it("publishes an agent as an A2A agent card and imports one from a URL", async () => {
    const { api } = await newOrg(h, "Cards");
    const { agentCard } = await import("./agent-card");
    const mine = await mcpAgent(api, ["code:review", "lint"], 1, "Reviewer");
    const [row] = await h.db.select().from(agents).where(eq(agents.id, mine.id));
    const card = agentCard(row!, "http://platform.test", "Cards");
    expect(card).toMatchObject({ name: "Reviewer", url: "http://platform.test/api/mcp", skills: [{ id: "code:review" }, { id: "lint" }] });
    const server = createServer((req, res) => {
      if (req.url === "/.well-known/agent-card.json") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...card, name: "Imported", url: "http://127.0.0.1:1/a2a" }));
      res.writeHead(200, { "content-type": "application/json" }).end('{"hello":"world"}');
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const imported = await api.agents.importCard({ url: `${base}/.well-known/agent-card.json` });
      expect(imported.agent).toMatchObject({ name: "Imported", kind: "webhook", url: "http://127.0.0.1:1/a2a" });
      expect(imported.agent.capabilities).toEqual(expect.arrayContaining(["code:review", "lint", "code", "review"]));
      expect(imported.signingSecret).toMatch(/^whsec_/);
      await expect(api.agents.importCard({ url: `${base}/other` })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("not an A2A agent card") });
    } finally {
      server.close();
    }
  });

  it("shows a private agent to its creator and admins only", async () => {
    const { org, owner } = await makeOrg(h.db, "Private");
    const { addMember } = await import("@/server/trpc/testing");
    const member = await addMember(h.db, org.id, "member");
    const mine = await keyCaller(h.db, org.id, scopes.filter((s) => s !== "keys:write" && s !== "members:write"), member.id);
    const admin = await keyCaller(h.db, org.id, scopes, owner.id);
    const other = await addMember(h.db, org.id, "member");
    const theirs = await keyCaller(h.db, org.id, ["agents:read"], other.id);
    const { agent } = await mine.agents.register({ name: "My secret helper", kind: "mcp", capabilities: ["solo"], sharing: "private" });
    expect((await admin.agents.list({ limit: 50 })).map((a) => a.id)).toContain(agent.id);
    expect((await theirs.agents.list({ limit: 50 })).map((a) => a.id)).not.toContain(agent.id);
    await expect(theirs.agents.get({ agentId: agent.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists the public agents of every organization, named by publisher, and no one else's unshared agents", async () => {
    const a = await makeOrg(h.db, "Publisher Co");
    const b = await makeOrg(h.db, "Browser Co");
    const pub = await keyCaller(h.db, a.org.id, scopes, a.owner.id);
    const browse = await keyCaller(h.db, b.org.id, scopes, b.owner.id);
    const { agent: shared } = await pub.agents.register({ name: "Shared reviewer", kind: "mcp", capabilities: ["review"], sharing: "public" });
    const { agent: internal } = await pub.agents.register({ name: "Internal reviewer", kind: "mcp", capabilities: ["review"] });
    const market = await browse.agents.list({ scope: "public", limit: 100 });
    expect(market.find((x) => x.id === shared.id)).toMatchObject({ owned: false, publisher: a.org.name, url: null });
    expect(market.map((x) => x.id)).not.toContain(internal.id);
    expect(market.every((x) => x.sharing === "public")).toBe(true);
    const mine = await browse.agents.list({ scope: "mine", limit: 100 });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.owned && x.publisher === b.org.name)).toBe(true);
  });
});
