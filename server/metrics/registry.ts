import "server-only";
// The process's Prometheus registry: procedure calls (counted and timed by the tRPC middleware,
// whatever the surface), the state gauges filled at scrape time (scrape.ts) and prom-client's
// process metrics. One per process, kept on globalThis across module copies. No database here,
// so the tRPC core can import it without cycles.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type Surface = "trpc" | "mcp" | "rest";

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
  const calls = new Counter({
    name: "cmp_procedure_calls_total",
    help: "Procedure calls by procedure, surface and outcome (ok, or the error code)",
    labelNames: ["procedure", "surface", "outcome"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "cmp_procedure_duration_seconds",
    help: "Procedure call duration",
    labelNames: ["procedure", "surface"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    recordCall(procedure: string, surface: Surface, outcome: string, seconds: number) {
      calls.inc({ procedure, surface, outcome });
      duration.observe({ procedure, surface }, seconds);
    },
    health: gauge("cmp_health_check_up", "1 when the health check passes", ["check"]),
    tasks: gauge("cmp_tasks", "Tasks by status, every organization", ["status"]),
    agents: gauge("cmp_agents", "Agents by status, every organization", ["status"]),
    generations: gauge("cmp_generations", "File generations by status, every organization", ["status"]),
    generatedBytes: gauge("cmp_generated_bytes", "Bytes of every stored generation output"),
    runs: gauge("cmp_workflow_runs", "In-process workflow runs: queued and due, running, parked (sleeping, waiting for an event, or retrying later)", ["state"]),
    oldestDue: gauge("cmp_workflow_oldest_due_seconds", "Age of the oldest due run not yet started"),
    undispatched: gauge("cmp_workflow_undispatched_events", "Events not yet turned into runs"),
  };
}

const g = globalThis as unknown as { __cmpMetrics?: ReturnType<typeof create> };
export const metrics = () => (g.__cmpMetrics ??= create());
