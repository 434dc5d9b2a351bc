// The built server, started the way `npm start` serves it (scripts/serve.mjs, production), in its
// embedded default (PGlite in a fresh DATA_DIR, seeded with SEED_API_KEY): the 200-file template
// is created over MCP, then generations_create to ZIP over MCP HTTP with a progress token (the
// reply streams as SSE until the generation ends), then the ZIP is downloaded.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { benchTemplate } from "./filegen-template";
import { measure } from "./stats";

const root = path.resolve(import.meta.dirname, "..");
export const serverBuilt = () => existsSync(path.join(root, ".next", "BUILD_ID"));

async function startServer(port: number, apiKey: string, dataDir: string, extraEnv: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NODE_OPTIONS: "", PORT: String(port), DATABASE_URL: "", SEED_API_KEY: apiKey, DATA_DIR: dataDir, APP_URL: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not become ready in 60 s");
}

/** Reads an SSE (or JSON) MCP reply to the end; returns the result and how many progress notifications came. */
async function mcpCall(url: string, key: string, name: string, args: Record<string, unknown>) {
  const res = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args, _meta: { progressToken: "bench" } } }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  const messages = text.split("\n").filter((l) => l.startsWith("data: ")).map((l) => JSON.parse(l.slice(6)) as { id?: number; method?: string; result?: { structuredContent?: Record<string, unknown>; isError?: boolean } });
  const result = messages.find((m) => m.id === 1)?.result;
  if (!result || result.isError) throw new Error(`${name} failed: ${text.slice(0, 300)}`);
  return { out: result.structuredContent!, progress: messages.filter((m) => m.method === "notifications/progress").length };
}

/** `env` is added to the server's environment (a row with RENDER_PER_ORG, say). */
export async function benchMcpHttp(iterations = 20, env: Record<string, string> = {}): Promise<{ p50: number; p90: number; progress: number }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-mcp-"));
  const key = `cmp_${randomBytes(24).toString("base64url")}`;
  const port = Number(process.env.BENCH_PORT) || 3900 + (process.pid % 90);
  const url = `http://127.0.0.1:${port}/api/mcp`;
  const server = await startServer(port, key, dataDir, env);
  let n = 0;
  let progress = 0;
  try {
    const { out: t } = await mcpCall(url, key, "templates_create", { name: "Bench MCP 200", files: benchTemplate.files, variables: benchTemplate.variables });
    const r = await measure(async () => {
      const { out, progress: p } = await mcpCall(url, key, "generations_create", { templateId: t.id, variables: { name: `mcp${n++}` }, format: "zip" });
      progress = p;
      if (out.status !== "succeeded" || typeof out.downloadUrl !== "string") throw new Error(`generation ${String(out.status)}`);
      const zip = await fetch(out.downloadUrl);
      if (!zip.ok || (await zip.arrayBuffer()).byteLength === 0) throw new Error(`download ${zip.status}`);
    }, iterations, 3);
    return { p50: r.p50, p90: r.p90, progress };
  } finally {
    process.kill(-server.pid!, "SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchMcpHttp(Number(process.argv[2] ?? 20)));
}
