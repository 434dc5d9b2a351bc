// The one place that reads the environment. Everything else receives values from here.
// A bad value stops start-up (and `next build`, which imports this through next.config.ts)
// with a message naming the variable.
import { z } from "zod";
import { plansSchema } from "./services/plans";
import { parseTrustedProxies } from "./http/client-address.mjs";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const optionalUrl = optionalString.pipe(z.url().optional());
const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Public origin of the app, used in links (invitations, clone URLs, MCP config). */
    APP_URL: optionalUrl,
    /** Where the embedded database, blobs and generated secrets live. */
    DATA_DIR: z.string().trim().min(1).default("./.data"),
    /** PostgreSQL connection string. Unset means the embedded PGlite database in DATA_DIR. */
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    /** Seed the Demo organization against DATABASE_URL too (it always seeds an empty PGlite). */
    SEED_DEMO: flag,
    /** At the first seed, give the Demo organization an API key with exactly this secret. */
    SEED_API_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^cmp_[A-Za-z0-9_-]{32,}$/, "must be cmp_ followed by at least 32 URL-safe characters")
        .optional(),
    ),
    /** Secret for session tokens. Generated once into DATA_DIR when unset. */
    AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Extra origins allowed to call /api/mcp from a browser (comma separated). */
    MCP_ALLOWED_ORIGINS: optionalString,
    /** Proxies (IPs or CIDRs, comma separated) whose X-Forwarded-For is believed; from anyone else it is ignored. */
    TRUSTED_PROXIES: optionalString,
    /** Allow webhook agents on loopback/private addresses (off by default: SSRF). */
    WEBHOOK_ALLOW_PRIVATE: flag,
    /** Worker threads that render templates; unset means one per available core. */
    RENDER_WORKERS: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(256).optional()),
    /**
     * Render jobs one organization may run at once; its further jobs wait while other organizations'
     * go ahead. Unset means half the workers, rounded up. At least 1; at or above RENDER_WORKERS it caps nothing.
     */
    RENDER_PER_ORG: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(256).optional()),
    /** Milliseconds one render job (a preview, a generation's files, a task's text) may take before its worker is terminated. */
    RENDER_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    /**
     * Heap (old generation, MB) of each render worker; a job that needs more is stopped. A backstop behind
     * liquidjs's own per-render memory limit: at least 128, since a worker that hits a small ceiling can take
     * the whole process down with it (nodejs/node#47224).
     */
    RENDER_MEMORY_MB: z.coerce.number().int().min(128).max(16_384).default(256),
    /** At SIGTERM: how long in-flight requests and workflow steps may take before the process exits (runs still held are handed back). */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
    /**
     * How long a workflow run's lease lasts without a heartbeat (one every third of it): after a crash,
     * another instance takes the run over this long after the last heartbeat.
     */
    WORKFLOW_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
    /** Bearer token that /api/metrics requires; unset turns the endpoint off. */
    METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    INNGEST_EVENT_KEY: optionalString,
    INNGEST_SIGNING_KEY: optionalString,
    INNGEST_BASE_URL: optionalUrl,
    INNGEST_DEV: flag,
    BLOB_READ_WRITE_TOKEN: optionalString,
    UPSTASH_REDIS_REST_URL: optionalUrl,
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    /** E-mail addresses (comma separated) of the platform's operators: they grant credits and make promo codes. */
    PLATFORM_OPERATORS: optionalString,
    /** OTLP/HTTP collector (e.g. http://localhost:4318): traces are exported there; unset turns tracing off. */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    OTEL_SERVICE_NAME: z.string().trim().min(1).default("cloud-mcp"),
    /** Sign-in attempts one address may make per 10 minutes, whatever the account (a shared office NAT, or a test suite, may need more). */
    SIGNIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(30),
    /** OAuth clients one address may register (Dynamic Client Registration) per hour. */
    OAUTH_REGISTRATIONS_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(20),
    /** Plans and their limits as JSON (server/services/plans.ts shape), merged over the defaults. */
    PLANS_JSON: optionalString.pipe(
      z
        .string()
        .transform((raw, c) => {
          try {
            return JSON.parse(raw) as unknown;
          } catch {
            c.addIssue({ code: "custom", message: "must be JSON" });
            return z.NEVER;
          }
        })
        .pipe(plansSchema)
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    try {
      parseTrustedProxies(v.TRUSTED_PROXIES);
    } catch (err) {
      ctx.addIssue({ code: "custom", path: ["TRUSTED_PROXIES"], message: (err as Error).message.replace(/^TRUSTED_PROXIES: /, "") });
    }
    if (Boolean(v.UPSTASH_REDIS_REST_URL) !== Boolean(v.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: ["UPSTASH_REDIS_REST_TOKEN"],
        message: "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together",
      });
    }
    if (Boolean(v.AUTH_GITHUB_ID) !== Boolean(v.AUTH_GITHUB_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["AUTH_GITHUB_SECRET"], message: "AUTH_GITHUB_ID and AUTH_GITHUB_SECRET must be set together" });
    }
    if (Boolean(v.AUTH_GOOGLE_ID) !== Boolean(v.AUTH_GOOGLE_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["AUTH_GOOGLE_SECRET"], message: "AUTH_GOOGLE_ID and AUTH_GOOGLE_SECRET must be set together" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  }
  return result.data;
}

/** The app's public origin: APP_URL, or localhost on PORT. */
export function appUrl(e: Env): string {
  return (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}

function load(): Env {
  try {
    return parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      // Stop start-up with the message above instead of a stack trace.
      process.exit(1);
    }
    throw err;
  }
}

export const env: Env = load();
