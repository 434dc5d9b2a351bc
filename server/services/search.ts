import "server-only";
// Full-text search, the one way every list searches (tasks, templates): the words as typed
// (websearch syntax: quotes, or, -not), or each word as a prefix so "deplo" finds "deploy" —
// always through the column's GIN index on to_tsvector('english', …), never `ilike '%q%'`,
// which reads every row.
import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/** `a:* & b:*` for the letters-and-digits words of a search (a query that matches nothing without any). */
function prefixQuery(q: string): string {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : "''";
}

const query = (q: string) => sql`(websearch_to_tsquery('english', ${q}) || to_tsquery('english', ${prefixQuery(q)}))`;

/** Rows whose search text matches `q`. */
export const matchesSearch = (column: AnyColumn, q: string): SQL => sql`to_tsvector('english', ${column}) @@ ${query(q)}`;

/** How well a row's search text matches `q`, for ordering (higher first). */
export const searchRank = (column: AnyColumn, q: string): SQL<number> => sql<number>`ts_rank(to_tsvector('english', ${column}), ${query(q)})`;
