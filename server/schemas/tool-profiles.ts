// Tool profiles: which MCP tools a key's tools/list shows. Every client loads tools/list into its
// model's context, so an agent that only claims and completes work should not pay for forty tools
// (issue 16 item 5). A profile narrows the list; the key's scopes still decide what may be called.
export const toolProfiles = ["agent", "operator", "author", "all"] as const;
export type ToolProfile = (typeof toolProfiles)[number];

export interface ToolProfileInfo {
  label: string;
  description: string;
  /** MCP tool names listed under this profile; null lists every tool the scopes allow. */
  tools: readonly string[] | null;
}

export const toolProfileInfo: Record<ToolProfile, ToolProfileInfo> = {
  agent: {
    label: "Agent",
    description: "Works on tasks: claim, report progress, complete or fail, read its tasks, heartbeat and credit balance.",
    tools: [
      "orgs_current",
      "agents_register",
      "agents_heartbeat",
      "tasks_claim",
      "tasks_report_progress",
      "tasks_complete",
      "tasks_fail",
      "tasks_get",
      "tasks_list",
      "credits_balance",
    ],
  },
  operator: {
    label: "Operator",
    description: "Runs the work: creates and tracks tasks, manages agents, automations and workflow runs, watches credits and usage.",
    tools: [
      "orgs_current",
      "tasks_create",
      "tasks_get",
      "tasks_list",
      "tasks_update",
      "tasks_cancel",
      "tasks_retry",
      "tasks_events",
      "agents_register",
      "agents_list",
      "agents_get",
      "agents_update",
      "agents_delete",
      "agents_import_card",
      "task_templates_list",
      "task_templates_create",
      "task_templates_instantiate",
      "task_templates_delete",
      "automations_list",
      "automations_create",
      "automations_pause",
      "automations_resume",
      "automations_delete",
      "automations_runs",
      "runs_list",
      "runs_get",
      "runs_cancel",
      "runs_retry",
      "credits_balance",
      "credits_history",
      "credits_earnings",
      "credits_redeem",
      "usage_summary",
    ],
  },
  author: {
    label: "Author",
    description: "Writes file templates and generates files: search, create, edit, preview, publish, fork, generate.",
    tools: [
      "orgs_current",
      "templates_search",
      "templates_get",
      "templates_create",
      "templates_update",
      "templates_preview",
      "templates_diff",
      "templates_publish",
      "templates_fork",
      "generations_create",
      "generations_get",
      "generations_list",
      "credits_balance",
    ],
  },
  all: {
    label: "All tools",
    description: "Every tool the key's scopes allow (the largest list a model has to read).",
    tools: null,
  },
};

/** Whether a tool is listed under a profile. */
export function profileLists(profile: ToolProfile, tool: string): boolean {
  const tools = toolProfileInfo[profile].tools;
  return tools === null || tools.includes(tool);
}
