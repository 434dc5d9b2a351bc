import "server-only";
// Which templates an organization sees: its own (private ones only to their owner and admins)
// and every public one.
import { and, eq, or, type SQL, sql } from "drizzle-orm";
import { type FileTemplate, fileTemplates } from "@/db/schema";
import { notFound } from "@/server/errors";
import { actorUserId, type ServiceContext } from "../context";
import { roleRank } from "../permissions";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function visibleTo(ctx: ServiceContext): SQL {
  const user = actorUserId(ctx.actor);
  const seesPrivate = roleRank[ctx.role ?? "viewer"] >= roleRank.admin;
  const own = seesPrivate
    ? eq(fileTemplates.organizationId, ctx.orgId)
    : and(eq(fileTemplates.organizationId, ctx.orgId), or(sql`${fileTemplates.visibility} <> 'private'`, user ? eq(fileTemplates.ownerId, user) : sql`false`));
  return or(own, eq(fileTemplates.visibility, "public"))!;
}

/** A template by id (any visible) or by slug (own organization first, then public). */
export async function findVisibleTemplate(ctx: ServiceContext, idOrSlug: string): Promise<FileTemplate> {
  const byId = UUID.test(idOrSlug);
  const rows = await ctx.db
    .select()
    .from(fileTemplates)
    .where(and(byId ? eq(fileTemplates.id, idOrSlug) : eq(fileTemplates.slug, idOrSlug), visibleTo(ctx)))
    .limit(5);
  const t = rows.find((r) => r.organizationId === ctx.orgId) ?? rows[0];
  if (!t) throw notFound("Template");
  return t;
}

/** Own-organization templates only: for writes. */
export async function findOwnTemplate(ctx: ServiceContext, id: string): Promise<FileTemplate> {
  if (!UUID.test(id)) throw notFound("Template");
  const [t] = await ctx.db
    .select()
    .from(fileTemplates)
    .where(and(eq(fileTemplates.id, id), eq(fileTemplates.organizationId, ctx.orgId)))
    .for("update");
  if (!t) throw notFound("Template");
  return t;
}
