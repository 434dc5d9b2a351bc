import { liveResponse } from "@/server/health-response";

export const dynamic = "force-dynamic";

export function GET() {
  return liveResponse();
}
