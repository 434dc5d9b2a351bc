import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { AppError, type FieldIssue } from "@/server/errors";
import { metrics } from "@/server/metrics/registry";
import type { ServiceContext } from "@/server/services/context";
import { roleCan } from "@/server/services/permissions";
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
  if (type !== "subscription") metrics().recordCall(path, ctx.surface ?? "trpc", result.ok ? "ok" : result.error.code, elapsed / 1000);
  if (result.ok) ctx.log.info({ path, type, ms }, "trpc ok");
  else if (result.error.code === "INTERNAL_SERVER_ERROR") ctx.log.error({ path, type, ms, err: result.error.cause ?? result.error }, "trpc error");
  else ctx.log.info({ path, type, ms, code: result.error.code }, "trpc refused");
  return result;
});

export const publicProcedure = t.procedure.use(logged).use(errors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in or send an API key" });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
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
export const orgProcedure = authedProcedure.use(({ ctx, meta, next }) => {
  if (!ctx.org) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of any organization" });
  const scope = meta?.scope;
  if (!scope) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "procedure declares no scope" });
  if (!roleCan(ctx.org.role, scope)) {
    throw new TRPCError({ code: "FORBIDDEN", message: `Your role (${ctx.org.role}) does not allow ${scope}` });
  }
  if (ctx.keyScopes && !ctx.keyScopes.includes(scope)) {
    throw new TRPCError({ code: "FORBIDDEN", message: `This API key lacks the ${scope} scope` });
  }
  const svc: ServiceContext = { db: ctx.db, orgId: ctx.org.id, actor: ctx.actor, role: ctx.org.role, keyScopes: ctx.keyScopes, ip: ctx.ip };
  return next({ ctx: { ...ctx, org: ctx.org, svc } });
});
