import "server-only";
// Names the organization behind each shared item (a public template or agent) in one query.
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organizations } from "@/db/schema";

export async function withPublishers<T extends { organizationId: string }>(db: DbOrTx, items: T[]): Promise<(T & { publisher: string })[]> {
  const ids = [...new Set(items.map((i) => i.organizationId))];
  const rows = ids.length ? await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids)) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return items.map((i) => ({ ...i, publisher: names.get(i.organizationId) ?? "" }));
}
