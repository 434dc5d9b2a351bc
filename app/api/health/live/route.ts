// Liveness: the process answers. No dependency is checked (a database outage must not make an
// orchestrator restart every instance); readiness (/api/health/ready) covers those.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "live" }, { headers: { "cache-control": "no-store" } });
}
