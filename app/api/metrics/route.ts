import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/server/env";
import { scrapeMetrics } from "@/server/metrics/scrape";

export const dynamic = "force-dynamic";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Prometheus text for a scraper holding METRICS_TOKEN; off (404) when no token is configured. */
export async function GET(req: Request) {
  if (!env.METRICS_TOKEN) {
    return Response.json({ error: { code: "NOT_FOUND", message: "Metrics are off: set METRICS_TOKEN and scrape with Authorization: Bearer <token>" } }, { status: 404 });
  }
  const sent = req.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  if (!timingSafeEqual(digest(sent), digest(env.METRICS_TOKEN))) {
    return Response.json({ error: { code: "UNAUTHORIZED", message: "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>" } }, { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } });
  }
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
