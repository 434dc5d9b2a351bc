// File generation: a 200-file template (about 1 MB rendered) to ZIP, in one run: the floor (plain
// liquidjs parse + render and an fflate ZIP in a script, one thread), the platform in process (the
// worker pool), through the durable path (generation row → workflow → blob), through MCP over HTTP
// against the built server with a progress token, and Debian's cookiecutter rendering the
// equivalent Jinja template to disk. Rows give p50/p90 and their ratio to the floor.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { zipSync } from "fflate";
import { Liquid } from "liquidjs";
import { migrateDb, openDb } from "../db/client";
import { generations } from "../db/schema";
import { localStorage } from "../server/adapters/storage/local";
import { nextChange } from "../server/services/filegen/changes";
import { createGeneration } from "../server/services/filegen/generations";
import { renderZip, renderZipOn } from "../server/services/filegen/render";
import { closeRenderPool, createRenderPool } from "../server/services/filegen/render-pool";
import { createTemplate } from "../server/services/filegen/templates";
import { resolveVariables } from "../server/services/filegen/variables";
import { makeOrg } from "../server/trpc/testing";
import { generateFilesWorkflow } from "../server/workflows/functions/generate-files";
import { sendEvent } from "../server/workflows/runner/events";
import { startRunner } from "../server/workflows/runner/runner";
import { benchFilegenMemory } from "./filegen-memory";
import { benchTemplate, cookiecutterTemplate, FILES } from "./filegen-template";
import { benchMcpHttp, serverBuilt } from "./mcp-http";
import { type BenchRow, measure, percentile } from "./stats";

const run = promisify(execFile);
const { files: liquidFiles, variables } = benchTemplate;

/** The floor: what a plain script does with the same libraries, no platform around it. */
function floor(name: string) {
  const liquid = new Liquid();
  const scope = resolveVariables(variables, { name });
  const entries: Record<string, Uint8Array> = {};
  for (const f of liquidFiles) entries[liquid.parseAndRenderSync(f.path, scope)] = Buffer.from(liquid.parseAndRenderSync(f.content, scope));
  return zipSync(entries, { level: 6 });
}

/** The floor's parts, each timed alone: parse every source, render the parsed templates, zip the output. */
async function floorParts() {
  const liquid = new Liquid();
  const scope = resolveVariables(variables, { name: "parts" });
  const parsed = liquidFiles.map((f) => [liquid.parse(f.path), liquid.parse(f.content)] as const);
  const rendered: Record<string, Uint8Array> = {};
  for (const [p, c] of parsed) rendered[liquid.renderSync(p, scope) as string] = Buffer.from(liquid.renderSync(c, scope) as string);
  const parse = await measure(async () => liquidFiles.map((f) => [liquid.parse(f.path), liquid.parse(f.content)]), 30, 3);
  const render = await measure(async () => {
    for (const [p, c] of parsed) Buffer.from(`${liquid.renderSync(p, scope)}${liquid.renderSync(c, scope)}`);
  }, 30, 3);
  const zip = await measure(async () => zipSync(rendered, { level: 6 }), 30, 3);
  return { parse, render, zip };
}

export async function benchFilegen(): Promise<BenchRow[]> {
  const work = await mkdtemp(path.join(tmpdir(), "bench-filegen-"));
  let n = 0;
  const probe = new Liquid();
  const bytes = liquidFiles.reduce((s, f) => s + Buffer.byteLength(probe.parseAndRenderSync(f.content, resolveVariables(variables, { name: "probe" }))), 0);
  const base = await measure(async () => floor(`floor${n++}`), 30, 3);
  const parts = await floorParts();
  const mark = (what: string) => console.error(`[filegen bench] ${new Date().toISOString().slice(11, 19)} ${what}`);
  mark("floor done");

  // In process: render and zip in the worker pool (parsed templates cached for the version).
  const inProcess = await measure(async () => renderZip(liquidFiles, resolveVariables(variables, { name: `svc${n++}` }), "", { orgId: "bench", cacheKey: "bench-version" }), 30, 3);

  mark("in process done");
  // The same with the job split across both workers: an organization allowed two at once (RENDER_PER_ORG=2).
  const splitPool = createRenderPool({ workers: 2, perOrg: 2, budgetMs: 5_000, memoryMb: 256 });
  const split = await measure(async () => renderZipOn(splitPool, liquidFiles, resolveVariables(variables, { name: `svc${n++}` }), "", { orgId: "bench", cacheKey: "bench-version" }), 30, 3);
  await splitPool.close();

  // Durable: generations row → generate-files workflow on the in-process runner → ZIP blob → recorded.
  const h = await openDb({ kind: "pglite" });
  await migrateDb(h);
  const storage = localStorage(path.join(work, "blobs"));
  const { org, owner } = await makeOrg(h.db, "Bench");
  const ctx = { db: h.db, orgId: org.id, actor: { type: "user" as const, userId: owner.id, label: "bench" }, role: "owner" as const };
  const t = await createTemplate(ctx, { name: "Bench 200", files: liquidFiles, variables });
  const runner = startRunner({ db: h.db, functions: [generateFilesWorkflow(async () => ({ db: h.db, storage }))] });
  const deps = { storage, link: () => "", enqueue: async (g: { id: string; orgId: string }) => void (await sendEvent(h.db, { name: "filegen/generation.requested", data: { orgId: g.orgId, generationId: g.id } })) };
  // Followed as followGeneration does: told of each change in this process, no polling.
  const startLatency: number[] = [];
  const durable = await measure(async () => {
    const g = await createGeneration(ctx, { templateId: t.id, variables: { name: `svc${n++}` }, format: "zip" }, deps);
    const queuedAt = performance.now();
    await nextChange(g.id, 10_000);
    startLatency.push(performance.now() - queuedAt);
    for (;;) {
      const [row] = await h.db.select({ status: generations.status }).from(generations).where(eq(generations.id, g.id));
      if (row!.status === "succeeded") return;
      if (row!.status === "failed") throw new Error("generation failed");
      await nextChange(g.id, 50);
    }
  }, 20, 2);
  mark("durable done");
  // Again while other work runs: another organization's ZIPs keep the workers busy and four
  // readers keep the database (and this event loop) busy.
  const loadedStart: number[] = [];
  let busy = true;
  const others = [
    (async () => {
      while (busy) await renderZip(liquidFiles, resolveVariables(variables, { name: `other${n++}` }), "", { orgId: "other-org", cacheKey: "bench-version" });
    })(),
    ...Array.from({ length: 4 }, async () => {
      while (busy) {
        await h.db.select({ id: generations.id, status: generations.status }).from(generations).limit(50);
        await new Promise((r) => setTimeout(r, 2));
      }
    }),
  ];
  await measure(async () => {
    const g = await createGeneration(ctx, { templateId: t.id, variables: { name: `svc${n++}` }, format: "zip" }, deps);
    const queuedAt = performance.now();
    await nextChange(g.id, 10_000);
    loadedStart.push(performance.now() - queuedAt);
    for (;;) {
      const [row] = await h.db.select({ status: generations.status }).from(generations).where(eq(generations.id, g.id));
      if (row!.status === "succeeded" || row!.status === "failed") return;
      await nextChange(g.id, 50);
    }
  }, 20, 2);
  busy = false;
  await Promise.all(others);
  await runner.stop();
  await h.close();
  mark("loaded durable done");
  const memory = await benchFilegenMemory();
  mark("memory done");
  await closeRenderPool();

  // Through MCP over HTTP against the built server (npm run build first).
  const mcp = serverBuilt() && !process.env.BENCH_NO_MCP ? await benchMcpHttp(20) : null;
  const mcpSplit = mcp ? await benchMcpHttp(20, { RENDER_PER_ORG: "2" }) : null;
  if (!mcp) console.log("MCP over HTTP skipped: build the server first (npm run build)");

  mark("MCP done");
  // Baseline: cookiecutter (Debian package) rendering the same files with Jinja, to disk.
  let cc: { p50: number; p90: number; p95: number } | null = null;
  try {
    const template = await cookiecutterTemplate(work);
    cc = await measure(async () => run("cookiecutter", ["--no-input", "-f", "-o", path.join(work, "out"), template, `name=cc${n++}`]), 10, 1);
  } catch (err) {
    console.log(`cookiecutter baseline skipped (${(err as Error).message.split("\n")[0]}); install it with: apt-get install -y cookiecutter`);
  }
  const vsFloor = { baselineName: "floor: liquidjs + fflate, one thread", baselineP50: base.p50, baselineP90: base.p90 };
  const note = `${FILES} files, ${(bytes / 1024).toFixed(0)} KB`;
  const rows: BenchRow[] = [
    { name: "floor: plain liquidjs parse+render + fflate ZIP (script)", p50: base.p50, p90: base.p90, p95: base.p95, note },
    { name: "  floor part: liquidjs parse of every source", ...pick(parts.parse), ...vsFloor },
    { name: "  floor part: render of the parsed sources", ...pick(parts.render), ...vsFloor },
    { name: "  floor part: fflate ZIP (level 6) of the output", ...pick(parts.zip), ...vsFloor },
    { name: "render + ZIP in the worker pool (in process)", ...pick(inProcess), ...vsFloor },
    { name: "  the same, split across 2 workers (an organization allowed 2: RENDER_PER_ORG=2)", ...pick(split), ...vsFloor },
    { name: "generations.create → ZIP stored (durable runner, PGlite)", ...pick(durable), ...vsFloor },
    { name: "queued → running (the runner woken by the enqueue; goal ≤ 50 ms)", ...pick(quantiles(startLatency)), note: "to the build step's running update" },
    { name: "  the same while another organization renders ZIPs and 4 readers query", ...pick(quantiles(loadedStart)), note: "other work in the pool and on the event loop" },
  ];
  if (mcp) rows.push({ name: "MCP generations_create → ZIP downloaded (HTTP, progress token, PGlite)", ...pick(mcp), ...vsFloor, note: `${mcp.progress} progress notifications` });
  if (mcpSplit) rows.push({ name: "  the same, the server started with RENDER_PER_ORG=2 (the job split across 2 workers)", ...pick(mcpSplit), ...vsFloor, note: `${mcpSplit.progress} progress notifications` });
  if (cc) rows.push({ name: "cookiecutter → disk", ...pick(cc), ...vsFloor });
  rows.push({ name: "peak RSS rise, ~50 MB output → ZIP in the worker pool (goal < 2× the output)", p50: memory.peakRiseMb, p95: Number.NaN, unit: "MB", note: `output ${memory.outputMb.toFixed(1)} MB (${(memory.peakRiseMb / memory.outputMb).toFixed(2)}×), archive ${memory.archiveMb.toFixed(1)} MB` });
  if (cc && mcp) rows.push({ name: "cookiecutter vs MCP end to end (ratio = cookiecutter / MCP)", p50: cc.p50 / mcp.p50, p90: cc.p90 / mcp.p90, p95: Number.NaN, unit: "×" });
  if (cc && mcpSplit) rows.push({ name: "cookiecutter vs MCP split across 2 workers (cookiecutter / MCP)", p50: cc.p50 / mcpSplit.p50, p90: cc.p90 / mcpSplit.p90, p95: Number.NaN, unit: "×" });
  if (cc) rows.push({ name: "cookiecutter vs the floor itself (cookiecutter / floor): 10× over MCP needs MCP at a tenth of this", p50: cc.p50 / base.p50, p90: cc.p90 / base.p90, p95: Number.NaN, unit: "×" });
  await rm(work, { recursive: true, force: true });
  return rows;
}

function quantiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p95: percentile(sorted, 95) };
}

const pick = (m: { p50: number; p90: number; p95?: number }) => ({ p50: m.p50, p90: m.p90, p95: m.p95 ?? Number.NaN });
