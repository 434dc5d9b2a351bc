import "server-only";
// Keyset pagination for newest-first lists, on (timestamp, id). The cursor carries the timestamp
// as PostgreSQL prints it (microseconds), not as a JS Date (milliseconds): rows written in the same
// millisecond, or the same transaction, are neither skipped nor repeated across pages.
import { desc, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { AppError } from "./errors";

const CURSOR = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?[+-]\d\d(?::\d\d)?)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function newestFirst(at: AnyPgColumn, id: AnyPgColumn) {
  return {
    /** Select this next to the row: its cursor. */
    cursor: sql<string>`${at}::text || '|' || ${id}::text`,
    orderBy: [desc(at), desc(id)] as const,
    /** The condition for the rows after `cursor` (none without one). */
    after(cursor: string | null | undefined): SQL | undefined {
      if (!cursor) return undefined;
      const m = CURSOR.exec(cursor);
      if (!m) throw new AppError("BAD_REQUEST", "cursor: not a cursor this list returned", { fields: [{ path: "cursor", message: "pass the nextCursor of the previous page" }] });
      return sql`(${at}, ${id}) < (${m[1]}::timestamptz, ${m[2]}::uuid)`;
    },
  };
}

/** `nextCursor` of a page fetched with `limit + 1` rows. */
export const nextCursorOf = (rows: { cursor: string }[], limit: number) => (rows.length > limit ? rows[limit - 1]!.cursor : null);
