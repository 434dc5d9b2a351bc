// The deployment as it runs: two instances of the built app started at the same moment on one fresh
// PostgreSQL database, behind the nginx gateway (TLS, HTTP/2, rate limits, retries). Needs nginx and
// openssl (`npm test` installs them as root); skipped with a message only when nginx is missing.
import http2 from "node:http2";
import tls from "node:tls";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "@/scripts/ensure-build.mjs";
import { createEmptyDatabase, freePort, type Gateway, type Instance, nginxBinary, root, seedApiKey, startGateway, startInstance, waitFor } from "./harness";

const nginx = nginxBinary();
if (!nginx) console.warn("test/deploy/gateway.test.ts skipped: nginx is not installed (apt-get install nginx openssl)");

describe.skipIf(!nginx)("the nginx gateway in front of two instances", () => {
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let instances: Instance[] = [];
  let gw: Gateway;
  let instanceEnv: Record<string, string>;
  const auth = { authorization: `Bearer ${seedApiKey}` };

  beforeAll(async () => {
    await ensureBuilt({ stdio: "ignore", log: () => {} });
    db = await createEmptyDatabase();
    const ports = [await freePort(), await freePort()];
    const gwPort = await freePort(); // only for APP_URL; the gateway picks its own below
    const dataDir = `${root}/.data/deploy-gateway-${process.pid}`;
    instanceEnv = {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir, // shared, like a volume both replicas mount
      SEED_DEMO: "1",
      SEED_API_KEY: seedApiKey,
      AUTH_SECRET: "deploy-test-auth-secret-0123456789abcdef",
      TRUSTED_PROXIES: "127.0.0.1/32",
      APP_URL: `https://localhost:${gwPort}`,
      SHUTDOWN_GRACE_MS: "3000",
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
      return res.structuredContent as { id?: string; status?: string; task?: { id: string; status: string } | null; agent?: { id: string } };
    };
    const capability = `gateway:${Date.now().toString(36)}`;
    const agentId = (await call("agents_register", { name: "Gateway worker", kind: "mcp", capabilities: [capability] })).agent!.id;
    const created = (await call("tasks_create", { title: "Through the gateway", requiredCapabilities: [capability] })) as { id: string };
    const claimed = await call("tasks_claim", { agentId });
    expect(claimed.task?.id).toBe(created.id);
    const done = await call("tasks_complete", { taskId: created.id, result: { ok: true } });
    expect(done.status ?? done.task?.status).toBe("succeeded");
    await client.close();
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
    // A connection still open (the MCP client's standing SSE stream) is cut when the grace period ends.
    expect(victim.output()).toMatch(/"msg":"(drained|grace period over, exiting)"/);
    console.log(`[gateway] SIGTERM: in-flight 2 s request finished, process exited after ${exitMs} ms`);

    const replacement = startInstance(["scripts/serve.mjs"], { ...instanceEnv, PORT: String(victim.port) });
    instances[1] = replacement;
    await waitFor("replacement ready", async () => (await fetch(`http://127.0.0.1:${replacement.port}/api/health/ready`)).status === 200, 60_000, 250);
    // The gateway marked the port failed while it was closed (passive checks): it tries it again after fail_timeout.
    await new Promise((r) => setTimeout(r, 2_500));
  });

  it("keeps answering when an instance is SIGKILLed while an agent holds a claimed task, which the agent then completes", async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const client = new Client({ name: "gateway-kill-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${gw.origin}/api/mcp`), { requestInit: { headers: auth }, fetch: gw.fetch as unknown as typeof fetch }));
    const call = async (name: string, args: Record<string, unknown>) => {
      const res = await client.callTool({ name, arguments: args });
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
      return res.structuredContent as { id?: string; status?: string; task?: { id: string; status: string } | null; agent?: { id: string } };
    };
    const capability = `kill:${Date.now().toString(36)}`;
    const agentId = (await call("agents_register", { name: "Kill worker", kind: "mcp", capabilities: [capability] })).agent!.id;
    const task = (await call("tasks_create", { title: "Survives an instance", requiredCapabilities: [capability] })) as { id: string };
    expect((await call("tasks_claim", { agentId })).task?.id).toBe(task.id);

    const [victim] = instances;
    const t = Date.now();
    await victim!.stop("SIGKILL");
    // Every request after the kill succeeds: refused connections are retried on the other instance.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await gw.fetch(`${gw.origin}/api/health/ready`)).status);
    expect(statuses).toEqual(Array(20).fill(200));
    await call("tasks_report_progress", { taskId: task.id, progress: 50, message: "still here" });
    const done = await call("tasks_complete", { taskId: task.id, result: { survived: true } });
    expect(done.status ?? done.task?.status).toBe("succeeded");
    console.log(`[gateway] after SIGKILL of one instance: 20 requests + progress + complete in ${Date.now() - t} ms, statuses ${[...new Set(statuses)].join(",")}`);
    await client.close();
  });
});
