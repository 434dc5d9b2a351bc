import { runHealthChecks } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await runHealthChecks();
  if (report.status === "ok") return Response.json({ status: "ok", checks: report.checks });
  return Response.json(
    { status: "error", message: `failing: ${report.failing.join(", ")}`, checks: report.checks },
    { status: 503 },
  );
}
