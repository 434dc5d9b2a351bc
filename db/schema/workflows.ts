// The in-process workflow runner's state: events, runs, memoized steps and cron ticks.
// Inngest keeps the same state itself when it is the engine.
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const workflowEvents = pgTable(
  "workflow_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** Sending an event twice with the same key records it once. */
    idempotencyKey: text("idempotency_key").unique(),
    organizationId: uuid("organization_id"),
    /** Set once the runner has started the runs, resolved the waits and applied the cancellations it triggers. */
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true, precision: 6 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
  },
  (t) => [index("workflow_events_name_created_idx").on(t.name, t.createdAt), index("workflow_events_undispatched_idx").on(t.dispatchedAt, t.createdAt)],
);
export type WorkflowEvent = typeof workflowEvents.$inferSelect;

export type RunStatus = "queued" | "running" | "sleeping" | "waiting" | "completed" | "failed" | "cancelled";

export interface RunWait {
  stepId: string;
  event: string;
  /** Dotted path compared between the triggering and the awaited event, e.g. `data.taskId`. */
  match?: string;
  matchValue?: unknown;
  startedAt: string;
  timeoutAt: string;
}

export const workflowRuns = pgTable(
  "workflow_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    functionId: text("function_id").notNull(),
    eventId: uuid("event_id"),
    event: jsonb("event").$type<{ name: string; data: Record<string, unknown> }>().notNull(),
    organizationId: uuid("organization_id"),
    status: text("status").$type<RunStatus>().notNull().default("queued"),
    /** How many times the handler has been invoked (replays included). */
    invocations: integer("invocations").notNull().default(0),
    priority: integer("priority").notNull().default(0),
    concurrencyKey: text("concurrency_key"),
    /** Not claimable before this moment (retry backoff, sleep, wait timeout). */
    runAt: timestamp("run_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, precision: 6 }),
    wait: jsonb("wait").$type<RunWait | null>(),
    output: jsonb("output"),
    error: jsonb("error").$type<{ name: string; message: string } | null>(),
    /** Set for an on-failure run: the run that failed. */
    parentRunId: uuid("parent_run_id"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 6 }),
    endedAt: timestamp("ended_at", { withTimezone: true, precision: 6 }),
  },
  (t) => [
    index("workflow_runs_claim_idx").on(t.status, t.runAt),
    index("workflow_runs_org_created_idx").on(t.organizationId, t.createdAt),
    index("workflow_runs_concurrency_idx").on(t.functionId, t.concurrencyKey, t.status),
  ],
);
export type WorkflowRun = typeof workflowRuns.$inferSelect;

export type StepStatus = "completed" | "failed" | "retrying" | "sleeping";

export const workflowSteps = pgTable(
  "workflow_steps",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    kind: text("kind").notNull(), // run | sleep | waitForEvent | sendEvent
    status: text("status").$type<StepStatus>().notNull(),
    output: jsonb("output"),
    error: jsonb("error").$type<{ name: string; message: string } | null>(),
    attempts: integer("attempts").notNull().default(0),
    /** For sleeps: when the step is done. */
    wakeAt: timestamp("wake_at", { withTimezone: true, precision: 6 }),
    position: integer("position").notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true, precision: 6 }),
    durationMs: integer("duration_ms"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] })],
);
export type WorkflowStep = typeof workflowSteps.$inferSelect;

export const workflowCronTicks = pgTable(
  "workflow_cron_ticks",
  {
    functionId: text("function_id").notNull(),
    tickAt: timestamp("tick_at", { withTimezone: true }).notNull(),
    runId: uuid("run_id"),
  },
  (t) => [primaryKey({ columns: [t.functionId, t.tickAt] })],
);
