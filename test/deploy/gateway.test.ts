// The deployment as it runs: two instances of the built app started at the same moment on one fresh
// PostgreSQL database, behind the nginx gateway (TLS, HTTP/2, rate limits, retries). Needs nginx and
// openssl (`npm test` installs them as root); skipped with a message only when nginx is missing.
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "@/scripts/ensure-build.mjs";
import { createEmptyDatabase, freePort, type Gateway, type Instance, nginxBinary, seedApiKey, startGateway, startInstance, waitFor } from "./harness";

const nginx = nginxBinary();
const LEASE_MS = 2_000;
if (!nginx) console.warn("test/deploy/gateway.test.ts skipped: nginx is not installed (apt-get install nginx openssl)");

describe.skipIf(!nginx)("the nginx gateway in front of two instances", () => {
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let instances: Instance[] = [];
  let gw: Gateway;
  let instanceEnv: Record<string, string>;
  let dataDir: string | undefined;
  const auth = { authorization: `Bearer ${seedApiKey}` };

  beforeAll(async () => {
    await ensureBuilt({ stdio: "ignore", log: () => {} });
    db = await createEmptyDatabase();
    const ports = [await freePort(), await freePort()];
    const gwPort = await freePort(); // only for APP_URL; the gateway picks its own below
    dataDir = mkdtempSync(path.join(os.tmpdir(), "cmp-gateway-data-"));
    instanceEnv = {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir, // shared, like a volume both replicas mount
      SEED_DEMO: "1",
      SEED_API_KEY: seedApiKey,
      AUTH_SECRET: "deploy-test-auth-secret-0123456789abcdef",
      TRUSTED_PROXIES: "127.0.0.1/32",
      APP_URL: `https://localhost:${gwPort}`,
      SHUTDOWN_GRACE_MS: "3000",
      WORKFLOW_LEASE_MS: String(LEASE_MS),
      WEBHOOK_ALLOW_PRIVATE: "1", // the test's webhook agent listens on loopback
    };
    // Both at once: migrations and the seed run under the advisory lock.
    instances = ports.map((p) => startInstance(["scripts/serve.mjs"], { ...instanceEnv, PORT: String(p) }));
    await Promise.all(
      instances.map((i) =>
        waitFor(`instance on ${i.port} ready (output: ${i.output().slice(-500)})`, async () => (await fetch(`http://127.0.0.1:${i.port}/api/health/ready`)).status === 200, 90_000, 250),
      ),
    );
    gw = await startGateway(ports.map((p) => `127.0.0.1:${p}`), { addressRate: "100r/s", addressBurst: 200, keyRate: "20r/s", keyBurst: 20, failTimeout: "2s" });
  }, 240_000);

  afterAll(async () => {
    await gw?.stop();
    await Promise.all(instances.map((i) => i.stop("SIGKILL")));
    await db?.drop();
    for (const d of [dataDir, gw?.dir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it("terminates TLS 1.3 (1.2 still accepted, 1.1 refused) and speaks HTTP/2", async () => {
    const version = (maxVersion: tls.SecureVersion) =>
      new Promise<string>((resolve, reject) => {
        const s = tls.connect({ host: "127.0.0.1", port: gw.port, servername: "localhost", ca: gw.ca, maxVersion, minVersion: "TLSv1" }, () => {
          resolve(s.getProtocol() ?? "");
          s.end();
        });
        s.once("error", reject);
      });
    expect(await version("TLSv1.3")).toBe("TLSv1.3");
    expect(await version("TLSv1.2")).toBe("TLSv1.2");
    await expect(version("TLSv1.1")).rejects.toThrow();

    const session = http2.connect(gw.origin, { ca: gw.ca });
    const status = await new Promise<number>((resolve, reject) => {
      const req = session.request({ ":path": "/api/health/live" });
      req.on("response", (h) => resolve(Number(h[":status"])));
      req.on("error", reject);
      req.resume();
    });
    session.close();
    expect(status).toBe(200);
  });

  it("spreads requests over both instances", async () => {
    for (let i = 0; i < 10; i++) expect((await gw.fetch(`${gw.origin}/api/health/live`)).status).toBe(200);
    const served = new Set([...gw.accessLog().matchAll(/upstream=127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1])));
    expect([...served].sort()).toEqual(instances.map((i) => i.port).sort());
  });

  it("hands the app the client's address, never one the client wrote (X-Forwarded-For from the gateway only)", async () => {
    // The client connects from 127.0.0.3 and claims to be 203.0.113.9; the gateway reaches the app from 127.0.0.1 (trusted).
    const name = `xff-${Date.now().toString(36)}`;
    const body = JSON.stringify({ name, scopes: ["tasks:read"] });
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request(
        { host: "127.0.0.1", port: gw.port, servername: "localhost", ca: gw.ca, localAddress: "127.0.0.3", method: "POST", path: "/api/v1/api-keys", headers: { ...auth, "content-type": "application/json", "x-forwarded-for": "203.0.113.9" } },
        (res) => (res.resume(), resolve(res.statusCode ?? 0)),
      );
      req.once("error", reject);
      req.end(body);
    });
    expect(status).toBe(200);
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    const rows = await sql<{ ip: string | null }[]>`select ip from audit_log where action = 'api_key.created' and data->>'name' = ${name}`;
    await sql.end();
    expect(rows.map((r) => r.ip)).toEqual(["127.0.0.3"]);
  });

  it("refuses a body over 16 MiB at the gateway", async () => {
    const res = await gw.fetch(`${gw.origin}/api/v1/templates`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "x".repeat(16 * 1024 * 1024 + 1024) });
    expect(res.status).toBe(413);
  });

  it("carries an MCP agent through the gateway: create, claim, complete a task", async () => {
    const client = new Client({ name: "gateway-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${gw.origin}/api/mcp`), { requestInit: { headers: auth }, fetch: gw.fetch as unknown as typeof fetch }));
    const call = async (name: string, args: Record<string, unknown>) => {
      const res = await client.callTool({ name, arguments: args });
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
      return res.structuredContent as { id?: string; status?: string; task?: { id: string; status: string } | null; agent?: { id: string }; reason?: string | null };
    };
    const capability = `gateway:${Date.now().toString(36)}`;
    const agentId = (await call("agents_register", { name: "Gateway worker", kind: "mcp", capabilities: [capability] })).agent!.id;
    const created = (await call("tasks_create", { title: "Through the gateway", requiredCapabilities: [capability] })) as { id: string };
    // An agent polls: the task may still be on its way to the queue when the first claim arrives.
    const claimed = await waitFor("a claim returns the task", async () => (await call("tasks_claim", { agentId })).task, 10_000, 200);
    expect(claimed.id).toBe(created.id);
    const done = await call("tasks_complete", { taskId: created.id, result: { ok: true } });
    expect(done.status ?? done.task?.status).toBe("succeeded");
    await client.close();
  });

  it("passes MCP progress through the gateway while the call is still open", async () => {
    const watcher = new Client({ name: "gateway-stream-watcher", version: "1.0.0" });
    const worker = new Client({ name: "gateway-stream-worker", version: "1.0.0" });
    for (const c of [watcher, worker]) await c.connect(new StreamableHTTPClientTransport(new URL(`${gw.origin}/api/mcp`), { requestInit: { headers: auth }, fetch: gw.fetch as unknown as typeof fetch }));
    const call = async (c: Client, name: string, args: Record<string, unknown>) => {
      const res = await c.callTool({ name, arguments: args });
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
      return res.structuredContent as { task?: { id: string } | null; agent?: { id: string } };
    };
    const capability = `stream:${Date.now().toString(36)}`;
    const agentId = (await call(worker, "agents_register", { name: "Stream worker", kind: "mcp", capabilities: [capability] })).agent!.id;
    const progressAt: number[] = [];
    // One POST whose response is an SSE stream: progress notifications, then the result.
    const waiting = watcher
      .callTool({ name: "tasks_create", arguments: { title: "Streamed", requiredCapabilities: [capability], wait: true, waitSeconds: 20 } }, undefined, { onprogress: () => void progressAt.push(Date.now()), timeout: 30_000 })
      .then((r) => ({ r, at: Date.now() }));
    const claimed = await waitFor("the worker claims the task", async () => (await call(worker, "tasks_claim", { agentId })).task, 10_000, 200);
    await call(worker, "tasks_report_progress", { taskId: claimed.id, progress: 50, message: "half way" });
    await waitFor("a progress notification arrives while the call is still open", async () => progressAt.length > 0, 5_000, 20);
    await new Promise((r) => setTimeout(r, 1_000));
    await call(worker, "tasks_complete", { taskId: claimed.id, result: { streamed: true } });
    const { r, at } = await waiting;
    expect(r.isError).toBeFalsy();
    expect(at - progressAt[0]!).toBeGreaterThan(900); // it came a second before the end, not buffered with it
    for (const c of [watcher, worker]) await c.close();
  });

  it("answers a burst past the per-key limit with 429 and Retry-After", async () => {
    await new Promise((r) => setTimeout(r, 1500)); // let the earlier tests' requests drain from the bucket
    const t = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () => gw.fetch(`${gw.origin}/api/v1/templates`, { headers: auth }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), body: await r.text() }))),
    );
    const seconds = (Date.now() - t) / 1000;
    const limited = statuses.filter((s) => s.status === 429);
    const ok = statuses.filter((s) => s.status === 200);
    // Burst 20 above a rate of 20 r/s: 21 pass at once, then 20 more per second the burst took to send.
    expect(ok.length).toBeGreaterThanOrEqual(15);
    expect(ok.length).toBeLessThanOrEqual(21 + Math.ceil(20 * seconds) + 2);
    expect(limited.length).toBe(100 - ok.length);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.retryAfter).toBe("1");
    expect(JSON.parse(limited[0]!.body).error.code).toBe("TOO_MANY_REQUESTS");
    // Another key (none here: counted by address only) is not held back by this one's limit.
    expect((await gw.fetch(`${gw.origin}/api/health/live`)).status).toBe(200);
  });

  it("drains at SIGTERM: the request in flight finishes, the gateway sends the rest elsewhere, the process exits within the grace period; a replacement starts", async () => {
    const victim = instances[1]!;
    const client = new Client({ name: "drain-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${victim.port}/api/mcp`), { requestInit: { headers: auth } }));
    // A long request: create a task nobody can take and wait 2 s for it to end.
    const inFlight = client.callTool({ name: "tasks_create", arguments: { title: "In flight at SIGTERM", requiredCapabilities: ["nobody-has-this"], wait: true, waitSeconds: 2 } });
    await new Promise((r) => setTimeout(r, 300));
    const t = Date.now();
    const exited = new Promise<number>((r) => victim.child.once("exit", () => r(Date.now() - t)));
    process.kill(-victim.child.pid!, "SIGTERM");
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await gw.fetch(`${gw.origin}/api/health/ready`)).status);
    const res = await inFlight;
    await client.close();
    expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
    expect((res.structuredContent as { waited?: { timedOut: boolean } }).waited?.timedOut).toBe(true);
    expect(statuses).toEqual(Array(10).fill(200));
    const exitMs = await exited;
    expect(victim.child.exitCode).toBe(0);
    expect(exitMs).toBeLessThan(3_000 + 1_000);
    // Nothing was left for the end of the grace period: the client's standing SSE stream (GET /api/mcp) was ended at once.
    expect(victim.output()).toContain('"msg":"drained"');
    expect(exitMs).toBeLessThan(2_900);
    console.log(`[gateway] SIGTERM: in-flight 2 s request finished, process exited after ${exitMs} ms`);

    const replacement = startInstance(["scripts/serve.mjs"], { ...instanceEnv, PORT: String(victim.port) });
    instances[1] = replacement;
    await waitFor("replacement ready", async () => (await fetch(`http://127.0.0.1:${replacement.port}/api/health/ready`)).status === 200, 60_000, 250);
    // The gateway marked the port failed while it was closed (passive checks): it tries it again after fail_timeout.
    await new Promise((r) => setTimeout(r, 2_500));
  });

  it("takes over a task whose run an instance held when it was SIGKILLed, and keeps answering through the gateway", async () => {
    await new Promise((r) => setTimeout(r, 1500));
    // A webhook agent on loopback: the first delivery hangs (the instance holding the run is killed
    // in the middle of its "deliver" step); the next one, from the other instance, is answered.
    const deliveries: { at: number; taskId: string }[] = [];
    let firstDelivery!: () => void;
    const delivered = new Promise<void>((r) => (firstDelivery = r));
    const hook = http.createServer((req, res) => {
      req.resume();
      deliveries.push({ at: Date.now(), taskId: String(req.headers["x-cmp-task-id"]) });
      if (deliveries.length === 1) {
        firstDelivery();
        return; // never answered: its instance dies holding it
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    const hookPort = (hook.address() as AddressInfo).port;

    const client = new Client({ name: "gateway-kill-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${gw.origin}/api/mcp`), { requestInit: { headers: auth }, fetch: gw.fetch as unknown as typeof fetch }));
    const call = async (name: string, args: Record<string, unknown>) => {
      const res = await client.callTool({ name, arguments: args });
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
      return res.structuredContent as { id?: string; status?: string; task?: { id: string; status: string } | null; agent?: { id: string } };
    };
    const capability = `kill:${Date.now().toString(36)}`;
    await call("agents_register", { name: "Kill hook", kind: "webhook", capabilities: [capability], url: `http://127.0.0.1:${hookPort}/tasks` });
    await new Promise((r) => setTimeout(r, 1_000)); // the "agents changed" re-offer runs first, so one dispatch run delivers
    const task = (await call("tasks_create", { title: "Survives its instance", requiredCapabilities: [capability] })) as { id: string };
    await Promise.race([delivered, new Promise((_, reject) => setTimeout(() => reject(new Error("no webhook delivery within 15 s")), 15_000))]);

    // The instance whose runner holds the task's dispatch run (lease_owner is host/pid/id).
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    const runs = await sql<{ id: string; lease_owner: string }[]>`select id, lease_owner from workflow_runs where function_id = 'dispatch-task' and status = 'running' and event->'data'->>'taskId' = ${task.id}`;
    expect(runs, "exactly one dispatch run is leased while its delivery hangs").toHaveLength(1);
    const run = runs[0];
    const pid = Number(run!.lease_owner.split("/")[1]);
    const victim = instances.find((i) => i.child.pid === pid)!;
    expect(victim, `an instance with pid ${pid}`).toBeTruthy();
    const killedAt = Date.now();
    await victim.stop("SIGKILL");

    // Requests through the gateway keep succeeding: refused connections are retried on the survivor.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await gw.fetch(`${gw.origin}/api/health/ready`)).status);
    expect(statuses, "through the gateway after the kill").toEqual(Array(20).fill(200));

    // The survivor takes the run over once the lease (WORKFLOW_LEASE_MS) runs out, and delivers again.
    await waitFor("the second delivery", async () => deliveries.length >= 2, 20_000);
    const takeoverMs = deliveries[1]!.at - killedAt;
    expect(deliveries[1]!.taskId).toBe(task.id);
    expect(takeoverMs).toBeLessThan(LEASE_MS + 3_000);
    let last: unknown;
    await waitFor("the run completes on the survivor", async () => {
      const [r] = await sql<{ status: string; lease_owner: string | null; error: unknown }[]>`select status, lease_owner, error from workflow_runs where id = ${run!.id}`;
      last = { run: r, deliveries };
      return r?.status === "completed";
    }, 15_000).catch((err) => {
      throw new Error(`${(err as Error).message}; last seen ${JSON.stringify(last)}`);
    });
    // The agent reports back through the gateway.
    const done = await call("tasks_complete", { taskId: task.id, result: { survived: true } });
    expect(done.status ?? done.task?.status).toBe("succeeded");
    console.log(`[gateway] SIGKILL mid-step: the other instance re-delivered after ${takeoverMs} ms (lease ${LEASE_MS} ms); 20/20 requests answered meanwhile`);
    await sql.end();
    await client.close();
    hook.close();
  });
});
