import "server-only";
// Who may see, and therefore change, an organization's shareable rows (templates and agents):
// one rule. Within the organization, a private row shows only to the person who made it and to
// admins and owners; other rows to every member. Other organizations see only public rows.
// Changing a row needs the same sight (plus the write scope the procedure names).
import { and, eq, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { actorUserId, type ServiceContext } from "./context";
import { roleRank } from "./permissions";

export interface ShareableColumns {
  organizationId: AnyPgColumn;
  /** 'private' | 'organization' | 'public' */
  sharing: AnyPgColumn;
  /** Who made the row. */
  creator: AnyPgColumn;
}

/** Rows of the caller's own organization the caller may see (and change). */
export function ownVisible(ctx: ServiceContext, c: ShareableColumns): SQL {
  if (roleRank[ctx.role ?? "viewer"] >= roleRank.admin) return eq(c.organizationId, ctx.orgId);
  const user = actorUserId(ctx.actor);
  return and(eq(c.organizationId, ctx.orgId), or(sql`${c.sharing} <> 'private'`, user ? eq(c.creator, user) : sql`false`))!;
}

/** Every row the caller may see: its own organization's by the rule above, and public ones. */
export function visible(ctx: ServiceContext, c: ShareableColumns): SQL {
  return or(ownVisible(ctx, c), eq(c.sharing, "public"))!;
}
