import "server-only";
// Fills the state gauges from the database, then renders the registry as Prometheus text.
import { sql } from "drizzle-orm";
import { agents, generations, tasks } from "@/db/schema";
import { dbHandle } from "../db";
import { runHealthChecks } from "../health";
import type { runnerHealth } from "../workflows/runs";
import { metrics } from "./registry";

export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const { db } = await dbHandle();
  const count = sql<number>`count(*)::int`;
  const [report, byTask, byAgent, byGeneration] = await Promise.all([
    runHealthChecks(),
    db.select({ status: tasks.status, n: count }).from(tasks).groupBy(tasks.status),
    db.select({ status: agents.status, n: count }).from(agents).groupBy(agents.status),
    db.select({ status: generations.status, n: count, bytes: sql<number>`coalesce(sum(${generations.bytes}), 0)::float8` }).from(generations).groupBy(generations.status),
  ]);
  for (const [check, r] of Object.entries(report.checks) as [string, { status: string }][]) m.health.set({ check }, r.status === "ok" ? 1 : 0);
  for (const [gauge, rows] of [
    [m.tasks, byTask],
    [m.agents, byAgent],
    [m.generations, byGeneration],
  ] as const) {
    gauge.reset();
    for (const r of rows) gauge.set({ status: r.status }, Number(r.n));
  }
  m.generatedBytes.set(byGeneration.reduce((n, r) => n + Number(r.bytes), 0));
  // The in-process runner's backlog comes with its health check (absent on Inngest or when down).
  const workflow = report.checks.workflows as { status: string } | ({ status: "ok" } & Awaited<ReturnType<typeof runnerHealth>>);
  if ("queued" in workflow) {
    m.runs.set({ state: "queued" }, workflow.queued);
    m.runs.set({ state: "running" }, workflow.running);
    m.runs.set({ state: "parked" }, workflow.parked);
    m.oldestDue.set((workflow.oldestDueMs ?? 0) / 1000);
    m.undispatched.set(workflow.undispatchedEvents);
  }
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
