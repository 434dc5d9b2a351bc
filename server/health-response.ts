import "server-only";
import { type HealthCheck, runHealthChecks } from "./health";

/** 200 with every check, or 503 naming the failing ones. */
export async function healthResponse(checks?: Record<string, HealthCheck>): Promise<Response> {
  const report = await runHealthChecks(3000, checks);
  const headers = { "cache-control": "no-store" };
  if (report.status === "ok") return Response.json({ status: "ok", checks: report.checks }, { headers });
  return Response.json({ status: "error", message: `failing: ${report.failing.join(", ")}`, checks: report.checks }, { status: 503, headers });
}

/** Liveness: the process answers. No dependency is checked (a database outage must not make an
 * orchestrator restart every instance); readiness (/api/health/ready) covers those. */
export const liveResponse = () => Response.json({ status: "live" }, { headers: { "cache-control": "no-store" } });
