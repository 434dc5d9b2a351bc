// Metered usage: API calls (and whatever else is counted per call) per organization, day, API key
// and surface, added to in batches by the in-process meter (server/services/metering). A batch is
// applied once: its id is recorded in the same transaction as the additions it carries.
import { bigint, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./orgs";

export const usageCounters = pgTable(
  "usage_counters",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** The UTC day the events happened on. */
    day: date("day", { mode: "string" }).notNull(),
    /** The API key that made the calls; null for signed-in people. Not a foreign key: a revoked or deleted key's usage stays counted. */
    apiKeyId: uuid("api_key_id"),
    /** trpc, mcp or rest. */
    surface: text("surface").notNull(),
    /** What is counted: `calls`, `errors`. */
    metric: text("metric").notNull(),
    value: bigint("value", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("usage_counters_key").on(t.organizationId, t.day, t.apiKeyId, t.surface, t.metric).nullsNotDistinct()],
);
export type UsageCounter = typeof usageCounters.$inferSelect;

/** Batches already added to usage_counters: a batch retried after an unknown outcome is skipped. */
export const usageBatches = pgTable(
  "usage_batches",
  {
    id: uuid("id").primaryKey(),
    events: integer("events").notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("usage_batches_applied_idx").on(t.appliedAt)],
);
