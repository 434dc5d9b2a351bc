import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { ServiceContext } from "../context";

/** Records a security-relevant action in the organization's audit log. */
export async function audit(
  ctx: ServiceContext,
  action: string,
  target?: { type: string; id: string } | null,
  data?: Record<string, unknown>,
): Promise<void> {
  const a = ctx.actor;
  await ctx.db.insert(auditLog).values({
    organizationId: ctx.orgId,
    actorType: a.type === "apiKey" ? "api_key" : a.type,
    actorId: a.type === "user" ? a.userId : a.type === "apiKey" ? a.keyId : null,
    actorLabel: a.label,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    data: data ?? null,
    ip: ctx.ip ?? null,
  });
}

export async function listAudit(ctx: ServiceContext, input: { limit: number; cursor?: string | null }) {
  const where = input.cursor
    ? and(eq(auditLog.organizationId, ctx.orgId), lt(auditLog.createdAt, new Date(input.cursor)))
    : eq(auditLog.organizationId, ctx.orgId);
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.createdAt))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > input.limit && last ? last.createdAt.toISOString() : null,
  };
}
