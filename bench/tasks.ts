// Tasks: created → succeeded on the built-in file generation agent (through the dispatch
// workflow on the in-process runner), beside the same generation called directly; and claims per
// second with 8 MCP agents claiming concurrently on PostgreSQL, beside a bare SKIP LOCKED dequeue.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { migrateDb, openDb } from "../db/client";
import { tasks } from "../db/schema";
import { localStorage } from "../server/adapters/storage/local";
import { createGeneration } from "../server/services/filegen/generations";
import { createTemplate } from "../server/services/filegen/templates";
import { registerAgent } from "../server/services/tasks/agents";
import { claimTask } from "../server/services/tasks/claim";
import { createTask } from "../server/services/tasks/tasks";
import { makeOrg } from "../server/trpc/testing";
import { generateFilesWorkflow } from "../server/workflows/functions/generate-files";
import { taskSchedulingWorkflows } from "../server/workflows/functions/task-scheduling";
import { startRunner } from "../server/workflows/runner/runner";
import { withScratchPostgres } from "./scratch-postgres";
import { type BenchRow, measure } from "./stats";

export async function benchTasks(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const blobs = localStorage(await mkdtemp(path.join(tmpdir(), "bench-tasks-")));
  const deps = { storage: blobs, link: () => "", enqueue: async () => {} };

  // 1. End to end on the built-in agent (PGlite, the embedded default).
  {
    const h = await openDb({ kind: "pglite" });
    await migrateDb(h);
    const { org, owner } = await makeOrg(h.db, "Bench");
    const ctx = { db: h.db, orgId: org.id, actor: { type: "user" as const, userId: owner.id, label: "bench" }, role: "owner" as const };
    const t = await createTemplate(ctx, { name: "Bench", files: [{ path: "{{ n }}/README.md", content: "# {{ n }}\n{% for i in (1..50) %}line {{ i }}\n{% endfor %}" }], variables: { type: "object", properties: { n: { type: "string" } } } });
    const functions = [generateFilesWorkflow(async () => ({ db: h.db, storage: blobs })), ...taskSchedulingWorkflows(async () => ({ db: h.db, generationDeps: async () => deps, appUrl: "http://bench", allowPrivateWebhooks: false }))];
    const runner = startRunner({ db: h.db, functions, pollMs: 10 });
    let n = 0;
    const e2e = await measure(async () => {
      const task = await createTask(ctx, { title: "bench", templateId: t.id, input: { variables: { n: `p${n++}` }, format: "json" } });
      for (;;) {
        const [row] = await h.db.select({ status: tasks.status }).from(tasks).where(eq(tasks.id, task.id));
        if (row!.status === "succeeded") return;
        if (row!.status === "failed") throw new Error("task failed");
        await new Promise((r) => setTimeout(r, 2));
      }
    }, 40, 4);
    const direct = await measure(() => createGeneration(ctx, { templateId: t.id, variables: { n: `d${n++}` }, format: "json" }, deps), 40, 4);
    await runner.stop();
    await h.close();
    rows.push({ name: "task created → succeeded (built-in filegen, PGlite)", p50: e2e.p50, p95: e2e.p95, baselineName: "the generation called directly", baselineP50: direct.p50, baselineP95: direct.p95, note: "SLA floor: p90 < 5 s" });
  }

  // 2. Claims per second: 8 agents draining 400 tasks concurrently (PostgreSQL, a fresh database).
  await withScratchPostgres("claims", async (h) => {
    const { org, owner } = await makeOrg(h.db, "Claims");
    const ctx = { db: h.db, orgId: org.id, actor: { type: "user" as const, userId: owner.id, label: "bench" }, role: "owner" as const };
    const N = 400;
    const crew = await Promise.all(Array.from({ length: 8 }, (_, i) => registerAgent(ctx, { name: `agent ${i}`, kind: "mcp", capabilities: ["work"], maxConcurrency: N })));
    for (let i = 0; i < N; i++) await createTask(ctx, { title: `t${i}`, requiredCapabilities: ["work"], priority: i % 100 });
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      crew.map(async ({ agent }) => {
        for (;;) {
          const t0 = performance.now();
          const { task } = await claimTask(ctx, { agentId: agent.id });
          if (!task) return;
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // Baseline: the same drain as a bare `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)`.
    await h.db.execute(sql`update tasks set status = 'queued', assigned_agent_id = null`);
    const bareLat: number[] = [];
    const bareStart = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (;;) {
          const t0 = performance.now();
          const r = await h.db.execute(sql`update tasks set status = 'assigned' where id = (select id from tasks where status = 'queued' order by priority desc, created_at limit 1 for update skip locked) returning id`);
          if (!(Array.isArray(r) ? r : (r as { rows: unknown[] }).rows).length) return;
          bareLat.push(performance.now() - t0);
        }
      }),
    );
    const bareSeconds = (performance.now() - bareStart) / 1000;
    latencies.sort((a, b) => a - b);
    bareLat.sort((a, b) => a - b);
    const p = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.ceil((q / 100) * xs.length) - 1)]!;
    rows.push({ name: "tasks_claim latency, 8 agents concurrently (PostgreSQL)", p50: p(latencies, 50), p95: p(latencies, 95), baselineName: "bare SKIP LOCKED dequeue", baselineP50: p(bareLat, 50), baselineP95: p(bareLat, 95) });
    rows.push({ name: "claims per second, 8 agents", p50: N / seconds, p95: N / seconds, unit: "/s", baselineName: "bare SKIP LOCKED dequeue", baselineP50: N / bareSeconds, baselineP95: N / bareSeconds, note: `${N} tasks, each handed out once` });
  });
  return rows;
}
