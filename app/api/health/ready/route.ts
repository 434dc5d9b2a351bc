import { healthResponse } from "@/server/health-response";
import { readinessChecks } from "@/server/health";

export const dynamic = "force-dynamic";

/** Readiness: database reachable, migrations at the expected version, storage writable, runner started, not draining. */
export function GET() {
  return healthResponse(readinessChecks);
}
