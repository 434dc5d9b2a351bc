// Tasks and agents: the work, who does it, its dependencies and its timeline.
import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./orgs";

export type AgentKind = "builtin:filegen" | "webhook" | "mcp";
export type AgentStatus = "online" | "offline" | "disabled";
export type Sharing = "private" | "organization" | "public";

export const agents = pgTable(
  "agents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    kind: text("kind").$type<AgentKind>().notNull(),
    capabilities: text("capabilities").array().notNull().default(sql`'{}'::text[]`),
    maxConcurrency: integer("max_concurrency").notNull().default(1),
    /** Webhook agents: where tasks are POSTed, and the secret that signs them. */
    url: text("url"),
    signingSecret: text("signing_secret"),
    sharing: text("sharing").$type<Sharing>().notNull().default("organization"),
    status: text("status").$type<AgentStatus>().notNull().default("online"),
    priceCredits: integer("price_credits").notNull().default(0),
    lastHeartbeatAt: timestamp("last_heartbeat_at", { withTimezone: true, precision: 6 }).defaultNow(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("agents_org_idx").on(t.organizationId, t.status),
    index("agents_capabilities_idx").using("gin", t.capabilities),
    // One built-in file generation agent per organization.
    uniqueIndex("agents_one_builtin_idx").on(t.organizationId, t.kind).where(sql`${t.kind} = 'builtin:filegen'`),
    check("agents_max_concurrency_check", sql`${t.maxConcurrency} between 1 and 1000`),
  ],
);
export type Agent = typeof agents.$inferSelect;

export type TaskStatus = "pending" | "blocked" | "queued" | "assigned" | "running" | "succeeded" | "failed" | "cancelled";

export interface TaskMatch {
  agentId?: string;
  agentName?: string;
  score?: number;
  reasons: string[];
  /** Capabilities that no online agent offers. */
  missing?: string[];
  at: string;
}

export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: text("status").$type<TaskStatus>().notNull().default("pending"),
    priority: integer("priority").notNull().default(50),
    requiredCapabilities: text("required_capabilities").array().notNull().default(sql`'{}'::text[]`),
    input: jsonb("input").$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb("result").$type<Record<string, unknown> | null>(),
    error: jsonb("error").$type<{ message: string; retryable?: boolean } | null>(),
    progress: integer("progress").notNull().default(0),
    progressMessage: text("progress_message"),
    assignedAgentId: uuid("assigned_agent_id").references(() => agents.id, { onDelete: "set null" }),
    /** The agent the creator named: its own, or another organization's public agent (capacity bought for credits). */
    agentId: uuid("agent_id").references(() => agents.id, { onDelete: "set null" }),
    /** The most the creator pays per attempt on another organization's agent; set, it also lets matching look at public agents. */
    maxPriceCredits: integer("max_price_credits"),
    /** The current attempt's hold in the buyer's escrow (ledger key `<holdKey>:hold`), and its amount. */
    holdKey: text("hold_key"),
    holdCredits: integer("hold_credits").notNull().default(0),
    /** Credits paid for this task so far (every settled attempt). */
    costCredits: integer("cost_credits").notNull().default(0),
    match: jsonb("match").$type<TaskMatch | null>(),
    blockedReason: text("blocked_reason"),
    templateId: uuid("template_id"),
    /** The task template it was made from, if any (automations react to "a task of template X"). */
    taskTemplateId: uuid("task_template_id"),
    deadline: timestamp("deadline", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, precision: 6 }),
    searchText: text("search_text").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 6 }),
    endedAt: timestamp("ended_at", { withTimezone: true, precision: 6 }),
  },
  (t) => [
    index("tasks_queue_idx").on(t.organizationId, t.status, t.priority.desc(), t.createdAt),
    index("tasks_agent_idx").on(t.assignedAgentId, t.status),
    // The lists' default orders (newest created, newest updated) per organization, read backwards
    // from the end (ascending columns scanned backwards are exactly `desc` with PostgreSQL's nulls first).
    index("tasks_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("tasks_org_updated_idx").on(t.organizationId, t.updatedAt, t.id),
    // An agent's latest successful runs, newest first: its duration percentiles read only those.
    index("tasks_agent_succeeded_idx").on(t.assignedAgentId, t.endedAt).where(sql`${t.status} = 'succeeded' and ${t.startedAt} is not null`),
    index("tasks_lease_idx").on(t.status, t.leaseExpiresAt),
    index("tasks_capabilities_idx").using("gin", t.requiredCapabilities),
    // What another organization's agent looks for when it claims: tasks naming it, or open to the marketplace.
    index("tasks_named_agent_idx").on(t.agentId).where(sql`${t.status} = 'queued'`),
    index("tasks_marketplace_idx").on(t.maxPriceCredits).where(sql`${t.status} = 'queued' and ${t.maxPriceCredits} is not null`),
    index("tasks_search_idx").using("gin", sql`to_tsvector('english', ${t.searchText})`),
    check("tasks_priority_check", sql`${t.priority} between 0 and 100`),
    check("tasks_progress_check", sql`${t.progress} between 0 and 100`),
    check("tasks_credits_check", sql`${t.holdCredits} >= 0 and ${t.costCredits} >= 0 and (${t.maxPriceCredits} is null or ${t.maxPriceCredits} >= 0)`),
  ],
);
export type Task = typeof tasks.$inferSelect;

export const taskDependencies = pgTable(
  "task_dependencies",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    dependsOnId: uuid("depends_on_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.dependsOnId] }), index("task_dependencies_reverse_idx").on(t.dependsOnId)],
);

export const taskEvents = pgTable(
  "task_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").notNull(),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    actor: text("actor").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
  },
  (t) => [index("task_events_task_idx").on(t.taskId, t.id), index("task_events_org_idx").on(t.organizationId, t.id)],
);
export type TaskEvent = typeof taskEvents.$inferSelect;

/** A blueprint for tasks: Liquid title and description over a variables schema, and what the task needs. */
export const taskTemplates = pgTable(
  "task_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    priority: integer("priority").notNull().default(50),
    requiredCapabilities: text("required_capabilities").array().notNull().default(sql`'{}'::text[]`),
    input: jsonb("input").$type<Record<string, unknown>>().notNull().default({}),
    fileTemplateId: uuid("file_template_id"),
    /** json, not jsonb: keeps the property order of the schema (the order of its form). */
    variables: json("variables").$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("task_templates_org_idx").on(t.organizationId)],
);
export type TaskTemplate = typeof taskTemplates.$inferSelect;

export type AutomationTrigger = { type: "cron"; cron: string } | { type: "event"; on: "task.succeeded" | "task.failed"; taskTemplateId?: string | null };

/** Creates tasks from a task template on a schedule or when something happens. */
export const automations = pgTable(
  "automations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    taskTemplateId: uuid("task_template_id")
      .notNull()
      .references(() => taskTemplates.id, { onDelete: "cascade" }),
    trigger: jsonb("trigger").$type<AutomationTrigger>().notNull(),
    variables: jsonb("variables").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status").$type<"active" | "paused">().notNull().default("active"),
    lastFiredAt: timestamp("last_fired_at", { withTimezone: true }),
    nextFireAt: timestamp("next_fire_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("automations_org_idx").on(t.organizationId, t.status), index("automations_due_idx").on(t.status, t.nextFireAt)],
);
export type Automation = typeof automations.$inferSelect;

export const automationRuns = pgTable(
  "automation_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    automationId: uuid("automation_id")
      .notNull()
      .references(() => automations.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").notNull(),
    status: text("status").$type<"created" | "failed" | "skipped">().notNull(),
    taskId: uuid("task_id"),
    error: text("error"),
    trigger: jsonb("trigger").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
  },
  (t) => [index("automation_runs_automation_idx").on(t.automationId, t.createdAt)],
);
