// The real deployment on loopback for test/deploy: app instances started with `node scripts/serve.mjs`
// on a fresh PostgreSQL database, the nginx gateway rendered from deploy/nginx with a self-signed
// certificate made here by openssl, and a fetch that trusts that certificate (undici, no global switch).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { Agent, fetch as undiciFetch } from "undici";
import { renderNginxConf } from "@/deploy/nginx/render.mjs";

export const root = path.resolve(import.meta.dirname, "../..");
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const seedApiKey = `cmp_deploy_${randomBytes(24).toString("hex")}`;

export function nginxBinary(): string | null {
  for (const p of [process.env.NGINX_PATH, "/usr/sbin/nginx", "/usr/bin/nginx"]) if (p && existsSync(p)) return p;
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once("error", reject);
  });
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ""}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A fresh, empty database: the instances migrate and seed it themselves, at the same moment. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cmp_deploy_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export interface Instance {
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** One app process in its own process group (stopped by group, so Next's children go too). */
export function startInstance(entry: string[], env: Record<string, string>, cwd = root): Instance {
  const child = spawn(process.execPath, entry, {
    cwd,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", HOSTNAME: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    port: Number(env.PORT),
    child,
    output: () => out,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    },
  };
}

export interface Gateway {
  port: number;
  origin: string;
  ca: string;
  dir: string;
  fetch: typeof undiciFetch;
  accessLog: () => string;
  stop: () => Promise<void>;
}

/** nginx in the foreground in its own process group, with a certificate for localhost and 127.0.0.1. */
export async function startGateway(upstreams: string[], limits: { addressRate: string; addressBurst: number; keyRate: string; keyBurst: number; failTimeout?: string }): Promise<Gateway> {
  const nginx = nginxBinary()!;
  const dir = mkdtempSync(path.join(os.tmpdir(), "cmp-gateway-"));
  mkdirSync(path.join(dir, "logs"));
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert], { stdio: "ignore" });
  const port = await freePort();
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(conf, renderNginxConf({ upstreams, cert, key, listen: `127.0.0.1:${port}`, prefix: dir, workers: 1, foreground: true, errorLog: path.join(dir, "logs/error.log"), ...limits }));
  const child = spawn(nginx, ["-p", dir, "-c", conf, "-e", path.join(dir, "logs/error.log")], { stdio: ["ignore", "ignore", "pipe"], detached: true });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const ca = readFileSync(cert, "utf8");
  const dispatcher = new Agent({ connect: { ca }, pipelining: 0 });
  const fetch = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) => undiciFetch(input, { ...init, dispatcher })) as typeof undiciFetch;
  const origin = `https://localhost:${port}`;
  await waitFor(`nginx listening (${err})`, async () => (await fetch(`${origin}/api/health/live`)).status === 200, 10_000);
  return {
    port,
    origin,
    ca,
    dir,
    fetch,
    accessLog: () => readFileSync(path.join(dir, "access.log"), "utf8"),
    async stop() {
      await dispatcher.close().catch(() => {});
      if (child.exitCode === null) {
        process.kill(-child.pid!, "SIGQUIT");
        await new Promise((r) => setTimeout(r, 300));
        if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
      }
    },
  };
}
