import "server-only";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { newestFirst, nextCursorOf } from "@/server/pagination";
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
  const page = newestFirst(auditLog.createdAt, auditLog.id);
  const rows = await ctx.db
    .select({ entry: auditLog, cursor: page.cursor })
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, ctx.orgId), page.after(input.cursor)))
    .orderBy(...page.orderBy)
    .limit(input.limit + 1);
  return { items: rows.slice(0, input.limit).map((r) => r.entry), nextCursor: nextCursorOf(rows, input.limit) };
}
