import { z } from "zod";
import { cursorField, uuid } from "./common";

export const taskStatus = z.enum(["pending", "blocked", "queued", "assigned", "running", "succeeded", "failed", "cancelled"]);
export const agentKind = z.enum(["builtin:filegen", "webhook", "mcp"]);
export const sharing = z.enum(["private", "organization", "public"]);

/** Named levels map onto the 0–100 scale. */
export const priorityLevels = { low: 10, normal: 50, high: 75, urgent: 95 } as const;
export const priority = z
  .union([z.number().int().min(0, "must be 0–100").max(100, "must be 0–100"), z.enum(["low", "normal", "high", "urgent"])])
  .transform((p) => (typeof p === "number" ? p : priorityLevels[p]))
  .describe("0–100 (higher first) or low | normal | high | urgent");

export const capability = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9:._/-]{0,63}$/, "capabilities are short lowercase words such as code:typescript or filegen");
const capabilities = z.array(capability).max(32);

export const createTaskInput = z.object({
  title: z.string().trim().min(1, "is required").max(200),
  description: z.string().max(20_000).optional(),
  priority: priority.optional(),
  requiredCapabilities: capabilities.optional().describe("an agent must offer all of them"),
  input: z.record(z.string(), z.unknown()).optional().describe("free-form input for the agent; for file generation: {template, variables, format}"),
  dependsOn: z.array(uuid("dependsOn")).max(50).optional().describe("tasks that must succeed first"),
  templateId: z.string().min(1).max(120).optional().describe("a file template (id or slug): the built-in file generation agent renders it with input.variables"),
  deadline: z.coerce.date().optional(),
  maxAttempts: z.number().int().min(1).max(10).optional(),
  agentId: uuid("agentId").optional().describe("run it on this agent: one of yours, or another organization's public agent (paid per attempt at its priceCredits)"),
  maxPriceCredits: z.number().int().min(0).max(1_000_000).optional().describe("the most you pay per attempt on another organization's agent; without agentId it lets matching pick the best public agent within it"),
  wait: z.boolean().optional().describe("wait (streaming progress) until the task ends or waitSeconds pass"),
  waitSeconds: z.number().int().min(1).max(600).optional(),
});
export type CreateTaskInput = z.infer<typeof createTaskInput>;

export const taskIdInput = z.object({ taskId: uuid("taskId") });
export const getTaskInput = z.object({ id: uuid() });

export const listTasksInput = z
  .object({
    status: z.union([taskStatus, z.array(taskStatus)]).optional(),
    priorityAtLeast: z.number().int().min(0).max(100).optional(),
    agentId: uuid("agentId").optional(),
    capability: capability.optional(),
    query: z.string().max(200).optional(),
    sort: z.enum(["queue", "newest", "updated", "priority"]).default("newest"),
    limit: z.number().int().min(1).max(100).default(25),
    cursor: cursorField,
  })
  .default({ sort: "newest", limit: 25 });
export type ListTasksInput = z.infer<typeof listTasksInput>;

export const updateTaskInput = z.object({
  taskId: uuid("taskId"),
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(20_000).optional(),
  priority: priority.optional(),
  deadline: z.coerce.date().nullable().optional(),
  dependsOn: z.array(uuid("dependsOn")).max(50).optional().describe("replaces the dependencies; a cycle is refused"),
});

export const claimInput = z.object({ agentId: uuid("agentId") });
export const progressInput = z.object({
  taskId: uuid("taskId"),
  progress: z.number().min(0, "must be 0–100").max(100, "must be 0–100"),
  message: z.string().max(500).optional(),
});
export const completeInput = z.object({ taskId: uuid("taskId"), result: z.record(z.string(), z.unknown()).optional() });
export const failInput = z.object({ taskId: uuid("taskId"), error: z.string().min(1).max(5000), retryable: z.boolean().optional() });
export const eventsInput = z.object({ taskId: uuid("taskId"), after: z.number().int().min(0).optional() });

export const registerAgentInput = z
  .object({
    name: z.string().trim().min(2, "must be at least 2 characters").max(80),
    description: z.string().max(2000).optional(),
    kind: z.enum(["webhook", "mcp"]).describe("webhook: the platform POSTs tasks to url; mcp: the agent pulls tasks with tasks_claim"),
    capabilities: capabilities.min(1, "list at least one capability"),
    maxConcurrency: z.number().int().min(1).max(1000).optional(),
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000).optional(),
    sharing: sharing.optional(),
    priceCredits: z.number().int().min(0).max(1_000_000).optional(),
  })
  .refine((a) => a.kind !== "webhook" || a.url, { message: "a webhook agent needs a url", path: ["url"] });
export type RegisterAgentInput = z.infer<typeof registerAgentInput>;

export const updateAgentInput = z.object({
  agentId: uuid("agentId"),
  name: z.string().trim().min(2).max(80).optional(),
  description: z.string().max(2000).optional(),
  capabilities: capabilities.min(1).optional(),
  maxConcurrency: z.number().int().min(1).max(1000).optional(),
  url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000).optional(),
  sharing: sharing.optional(),
  priceCredits: z.number().int().min(0).max(1_000_000).optional().describe("what another organization pays per attempt; applies from the next assignment"),
  disabled: z.boolean().optional().describe("a disabled agent gets no tasks"),
});
export const agentIdInput = z.object({ agentId: uuid("agentId") });
export const listAgentsInput = z
  .object({
    capability: capability.optional(),
    status: z.enum(["online", "offline", "disabled"]).optional(),
    scope: z.enum(["all", "mine", "public"]).default("all").describe("mine: your organization's; public: shared by any organization"),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ scope: "all", limit: 50 });

export const taskMatch = z.object({
  agentId: z.string().optional(),
  agentName: z.string().optional(),
  score: z.number().optional(),
  reasons: z.array(z.string()),
  missing: z.array(z.string()).optional(),
  at: z.string(),
});

export const taskOutput = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  status: taskStatus,
  priority: z.number(),
  requiredCapabilities: z.array(z.string()),
  input: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.object({ message: z.string(), retryable: z.boolean().optional() }).nullable(),
  progress: z.number(),
  progressMessage: z.string().nullable(),
  assignedAgentId: z.string().nullable(),
  agentName: z.string().nullable(),
  agentId: z.string().nullable().describe("the agent the creator named"),
  maxPriceCredits: z.number().nullable(),
  holdCredits: z.number().describe("credits held in escrow for the current attempt"),
  costCredits: z.number().describe("credits paid for this task so far"),
  match: taskMatch.nullable(),
  blockedReason: z.string().nullable(),
  templateId: z.string().nullable(),
  taskTemplateId: z.string().nullable(),
  dependsOn: z.array(z.string()),
  deadline: z.date().nullable(),
  attempts: z.number(),
  maxAttempts: z.number(),
  leaseExpiresAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  startedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
});
export type TaskOutput = z.infer<typeof taskOutput>;

export const taskEventOutput = z.object({
  id: z.number(),
  taskId: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  actor: z.string(),
  createdAt: z.date(),
});

export const agentStats = z.object({
  runs: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  successRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  running: z.number(),
  load: z.number(),
});

export const agentOutput = z.object({
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  description: z.string(),
  kind: agentKind,
  capabilities: z.array(z.string()),
  maxConcurrency: z.number(),
  url: z.string().nullable(),
  sharing,
  status: z.enum(["online", "offline", "disabled"]),
  priceCredits: z.number(),
  lastHeartbeatAt: z.date().nullable(),
  createdAt: z.date(),
  owned: z.boolean(),
  publisher: z.string().optional().describe("the publishing organization's name"),
  stats: agentStats,
});
export type AgentOutput = z.infer<typeof agentOutput>;

export const automationTrigger = z.discriminatedUnion("type", [
  z.object({ type: z.literal("cron"), cron: z.string().min(9).max(100).describe("5-field cron in UTC, e.g. 0 9 * * 1-5") }),
  z.object({
    type: z.literal("event"),
    on: z.enum(["task.succeeded", "task.failed"]),
    taskTemplateId: uuid("trigger.taskTemplateId").nullish().describe("only tasks made from this task template (any task when omitted)"),
  }),
]);

export const createTaskTemplateInput = z.object({
  name: z.string().trim().min(2, "must be at least 2 characters").max(80),
  title: z.string().trim().min(1, "is required").max(500).describe("Liquid over the variables, e.g. Review {{ repo }}"),
  description: z.string().max(20_000).optional().describe("Liquid over the variables"),
  priority: priority.optional(),
  requiredCapabilities: capabilities.optional(),
  input: z.record(z.string(), z.unknown()).optional(),
  fileTemplateId: z.string().min(1).max(120).optional().describe("a file template the built-in agent renders (its variables come from the task template's)"),
  variables: z.record(z.string(), z.unknown()).optional().describe("JSON Schema of the variables"),
});
export type CreateTaskTemplateInput = z.infer<typeof createTaskTemplateInput>;
export const taskTemplateIdInput = z.object({ taskTemplateId: uuid("taskTemplateId") });
export const instantiateInput = z.object({
  taskTemplateId: uuid("taskTemplateId"),
  variables: z.record(z.string(), z.unknown()).default({}),
  dependsOn: z.array(uuid("dependsOn")).max(50).optional(),
});

export const taskTemplateOutput = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  description: z.string(),
  priority: z.number(),
  requiredCapabilities: z.array(z.string()),
  input: z.record(z.string(), z.unknown()),
  fileTemplateId: z.string().nullable(),
  variables: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const createAutomationInput = z.object({
  name: z.string().trim().min(2, "must be at least 2 characters").max(80),
  taskTemplateId: uuid("taskTemplateId"),
  trigger: automationTrigger,
  variables: z.record(z.string(), z.unknown()).optional(),
});
export const automationIdInput = z.object({ automationId: uuid("automationId") });

export const automationOutput = z.object({
  id: z.string(),
  name: z.string(),
  taskTemplateId: z.string(),
  taskTemplateName: z.string(),
  trigger: automationTrigger,
  variables: z.record(z.string(), z.unknown()),
  status: z.enum(["active", "paused"]),
  lastFiredAt: z.date().nullable(),
  nextFireAt: z.date().nullable(),
  createdAt: z.date(),
});

export const automationRunOutput = z.object({
  id: z.string(),
  status: z.enum(["created", "failed", "skipped"]),
  taskId: z.string().nullable(),
  error: z.string().nullable(),
  trigger: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
