import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { AppError, type FieldIssue } from "@/server/errors";
import { metrics } from "@/server/metrics/registry";
import type { ServiceContext } from "@/server/services/context";
import { rateLimiter } from "@/server/adapters/ratelimit";
import { withSpan } from "@/server/adapters/tracing";
import { env } from "@/server/env";
import { meterEvent } from "@/server/services/metering/registry";
import { forgetOrgReads, forgetUserReads } from "@/server/services/org-caches";
import { roleCan } from "@/server/services/permissions";
import { planLimits } from "@/server/services/plans";
import type { Context } from "./context";
import type { ProcedureMeta } from "./meta";

export function fieldIssuesOf(error: unknown): FieldIssue[] | undefined {
  if (error instanceof ZodError) {
    return error.issues.map((i) => ({ path: i.path.join(".") || "(input)", message: i.message }));
  }
  if (error instanceof AppError) return error.details?.fields;
  return undefined;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const fields = fieldIssuesOf(cause);
      const appCode = cause instanceof AppError ? cause.code : undefined;
      let message = shape.message;
      if (cause instanceof ZodError && fields) message = fields.map((f) => `${f.path}: ${f.message}`).join("; ");
      if (error.code === "INTERNAL_SERVER_ERROR" && !(cause instanceof AppError)) message = "Internal error";
      return { ...shape, message, data: { ...shape.data, stack: undefined, fields, appCode } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** AppError → TRPCError, once, for every procedure. */
const errors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    result.error = new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

const logged = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const elapsed = performance.now() - started;
  const ms = Math.round(elapsed * 10) / 10;
  if (type !== "subscription") {
    const surface = ctx.surface ?? "trpc";
    metrics().recordCall(path, surface, result.ok ? "ok" : result.error.code, elapsed / 1000);
    // Usage metering: counted in memory, written in batches off this request's path.
    if (ctx.org) {
      const e = { orgId: ctx.org.id, apiKeyId: ctx.actor?.type === "apiKey" ? ctx.actor.keyId : null, surface };
      meterEvent(ctx.db, e, { graceMs: env.SHUTDOWN_GRACE_MS });
      if (!result.ok) meterEvent(ctx.db, { ...e, metric: "errors" });
    }
  }
  if (result.ok) ctx.log.info({ path, type, ms }, "trpc ok");
  else if (result.error.code === "INTERNAL_SERVER_ERROR") ctx.log.error({ path, type, ms, err: result.error.cause ?? result.error }, "trpc error");
  else ctx.log.info({ path, type, ms, code: result.error.code }, "trpc refused");
  return result;
});

/** A span per procedure call, named for it, on whichever surface it came through. */
const traced = t.middleware(({ ctx, path, type, next }) =>
  withSpan(`procedure ${path}`, { "rpc.system": "trpc", "rpc.method": path, "cmp.surface": ctx.surface ?? "trpc", "cmp.procedure.type": type }, async (span) => {
    const result = await next();
    if (!result.ok) span.setAttribute("cmp.error.code", result.error.code);
    return result;
  }),
);

export const publicProcedure = t.procedure.use(traced).use(logged).use(errors);

export const authedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in or send an API key" });
  const result = await next({ ctx: { ...ctx, actor: ctx.actor } });
  // A person's own join, leave or new organization shows on their very next request.
  if (type === "mutation" && ctx.actor.type === "user") await forgetUserReads(ctx.actor.userId);
  return result;
});

/** Signed-in people only (not API keys): switching organizations, accepting invitations. */
export const userProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.type !== "user") throw new TRPCError({ code: "FORBIDDEN", message: "This action needs a signed-in user, not an API key" });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/**
 * Acts inside the caller's organization and checks the procedure's `meta.scope` against the
 * role (role × scope table) and, for API keys, the key's scopes. `ctx.svc` is the service context.
 */
export const orgProcedure = authedProcedure.use(async ({ ctx, meta, type, next }) => {
  if (!ctx.org) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of any organization" });
  const scope = meta?.scope;
  if (!scope) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "procedure declares no scope" });
  if (!roleCan(ctx.org.role, scope)) {
    throw new TRPCError({ code: "FORBIDDEN", message: `Your role (${ctx.org.role}) does not allow ${scope}` });
  }
  if (ctx.keyScopes && !ctx.keyScopes.includes(scope)) {
    throw new TRPCError({ code: "FORBIDDEN", message: `This API key lacks the ${scope} scope` });
  }
  const svc: ServiceContext = { db: ctx.db, orgId: ctx.org.id, actor: ctx.actor, role: ctx.org.role, keyScopes: ctx.keyScopes, ip: ctx.ip, plan: ctx.org.plan };
  if (ctx.actor.type === "apiKey") await enforceApiRate(ctx.actor.keyId, ctx.org.id, ctx.org.plan, ctx.resHeaders);
  const result = await next({ ctx: { ...ctx, org: ctx.org, svc } });
  // The caller's next read must see its own write: the commit's notification reaches this
  // instance's caches a moment later, so its organization's cached lists go now, before the answer.
  if (type === "mutation") await forgetOrgReads(ctx.org.id);
  return result;
});

/**
 * API calls per minute, per key and per organization, from the plan, on every surface (they all
 * call procedures). Counted by the limiter adapter: in memory, or Upstash Redis shared by every
 * instance. The tighter of the two is reported in RateLimit-* headers.
 */
async function enforceApiRate(keyId: string, orgId: string, plan: string | undefined, resHeaders: Headers | null) {
  const limits = planLimits(plan);
  const limiter = rateLimiter();
  const checks = [
    { key: `api:key:${keyId}`, max: limits.apiCallsPerMinutePerKey, who: "this API key" },
    { key: `api:org:${orgId}`, max: limits.apiCallsPerMinutePerOrg, who: "your organization" },
  ].filter((c): c is { key: string; max: number; who: string } => c.max !== null);
  const results = await Promise.all(checks.map(async (c) => ({ ...c, r: await limiter.hit(c.key, c.max, 60_000) })));
  const tightest = results.sort((a, b) => a.r.remaining - b.r.remaining)[0];
  if (!tightest) return;
  const reset = Math.max(1, Math.ceil(tightest.r.resetMs / 1000));
  const rateLimit = { limit: tightest.max, remaining: Math.max(0, tightest.r.remaining), reset };
  resHeaders?.set("ratelimit-limit", String(rateLimit.limit));
  resHeaders?.set("ratelimit-remaining", String(rateLimit.remaining));
  resHeaders?.set("ratelimit-reset", String(rateLimit.reset));
  const over = results.find((x) => !x.r.ok);
  if (over) {
    throw new AppError("TOO_MANY_REQUESTS", `Rate limit: the ${limits.plan} plan allows ${over.max.toLocaleString("en")} API calls per minute for ${over.who}; retry in ${reset} s`, { retryAfterSeconds: reset, rateLimit });
  }
}
