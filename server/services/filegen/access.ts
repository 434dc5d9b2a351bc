import "server-only";
// Which templates an organization sees (its own, private ones only to their owner and admins,
// and every public one), which it may change (its own that it sees), and whose sources it may
// read: a paid template's files are the product, so only its publisher and organizations that
// bought it (by forking it) read them; everyone else sees paths and sizes.
import { and, eq, type SQL } from "drizzle-orm";
import { type FileTemplate, fileTemplates } from "@/db/schema";
import { notFound } from "@/server/errors";
import { isUuid } from "@/server/schemas/common";
import type { ServiceContext } from "../context";
import { ownVisible, visible } from "../visibility";

const columns = { organizationId: fileTemplates.organizationId, sharing: fileTemplates.visibility, creator: fileTemplates.ownerId };

export const visibleTo = (ctx: ServiceContext): SQL => visible(ctx, columns);

/** A template by id (any visible) or by slug (own organization first, then public). */
export async function findVisibleTemplate(ctx: ServiceContext, idOrSlug: string): Promise<FileTemplate> {
  const byId = isUuid(idOrSlug);
  const rows = await ctx.db
    .select()
    .from(fileTemplates)
    .where(and(byId ? eq(fileTemplates.id, idOrSlug) : eq(fileTemplates.slug, idOrSlug), visibleTo(ctx)))
    .limit(5);
  const t = rows.find((r) => r.organizationId === ctx.orgId) ?? rows[0];
  if (!t) throw notFound("Template");
  return t;
}

/** An own-organization template the caller may see, locked: for writes. */
export async function findOwnTemplate(ctx: ServiceContext, id: string): Promise<FileTemplate> {
  if (!isUuid(id)) throw notFound("Template");
  const [t] = await ctx.db
    .select()
    .from(fileTemplates)
    .where(and(eq(fileTemplates.id, id), ownVisible(ctx, columns)))
    .for("update");
  if (!t) throw notFound("Template");
  return t;
}

/** Whether the caller's organization may read this template's sources (file contents). */
export async function readsSources(ctx: ServiceContext, t: FileTemplate): Promise<boolean> {
  if (t.organizationId === ctx.orgId || t.priceCredits === 0) return true;
  const [bought] = await ctx.db
    .select({ id: fileTemplates.id })
    .from(fileTemplates)
    .where(and(eq(fileTemplates.organizationId, ctx.orgId), eq(fileTemplates.forkedFromTemplateId, t.id)))
    .limit(1);
  return Boolean(bought);
}
