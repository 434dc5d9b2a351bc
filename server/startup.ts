import "server-only";
import { attachTaskBus } from "./adapters/pubsub/task-events";
import { startTracing } from "./adapters/tracing";
import { dbHandle } from "./db";
import { renderPoolOptions } from "./deps";
import { appUrl, env } from "./env";
import { logger } from "./logger";
import { configureRenderPool } from "./services/filegen/render-pool";
import { demoLogin } from "./services/seed";
import { processKeyCache } from "./services/keys/key-cache";
import { taskListCache } from "./services/tasks/list-cache";
import { membershipCache } from "./services/orgs/membership-cache";
import { sharedRedis } from "./adapters/redis";
import { definePlans } from "./services/plans";
import { startWorkflows, usesInngest } from "./workflows/engine";
import { listenForRunnerWakeups } from "./workflows/runner/signal";

/** Start-up work for a server process; more background services join here. */
export async function startServer(): Promise<void> {
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) startTracing({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME });
  definePlans(env.PLANS_JSON ?? {});
  configureRenderPool(renderPoolOptions());
  const handle = await dbHandle();
  // Other instances' events and released runs (and this one's, once committed) wake the runner at once.
  if (!usesInngest) await listenForRunnerWakeups(handle);
  startWorkflows(handle.db, { hearsOtherInstances: !usesInngest });
  // Live task updates: LISTEN on the database, fanned out to this process's SSE subscribers.
  await attachTaskBus(handle);
  // Verified API keys are cached once invalidations (revokes, role changes) can reach this instance.
  await processKeyCache().listen(handle);
  // Cached reads (task lists, people's memberships), with Upstash Redis as their L2 when it is configured.
  await taskListCache().listen(handle, { redis: sharedRedis() });
  await membershipCache().listen(handle, { redis: sharedRedis() });
  const url = appUrl(env);
  const lines = [
    "",
    "  Cloud MCP Platform is ready",
    `  URL:       ${url}`,
    `  Database:  ${handle.kind === "pglite" ? `embedded PGlite in ${env.DATA_DIR}/pglite` : "PostgreSQL (DATABASE_URL)"}`,
  ];
  if (handle.kind === "pglite" || env.SEED_DEMO) lines.push(`  Demo login: ${demoLogin.email} / ${demoLogin.password}`);
  lines.push(`  Workflows: ${usesInngest ? "Inngest" : "in-process runner"}`);
  lines.push(`  MCP:       ${url}/api/mcp   Health: ${url}/api/health`, "");
  // The banner is for people; the log line is for machines.
  process.stdout.write(`${lines.join("\n")}\n`);
  logger.info({ url, db: handle.kind }, "server started");
}

/**
 * A start that fails must not go on answering 500s: exit non-zero with the reason, so an
 * orchestrator (or the person at the terminal) sees it and restarts.
 */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (err) {
    logger.fatal({ err }, "start-up failed");
    process.stderr.write(`Start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
