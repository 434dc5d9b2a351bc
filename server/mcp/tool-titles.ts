import "server-only";
// Human titles for the tools, as clients show them in menus and approval prompts (MCP `title`).
// Names stay the stable `<domain>_<verb>` identifiers models call.
export const toolTitles: Record<string, string> = {
  orgs_current: "Current organization",
  tasks_create: "Create a task",
  tasks_get: "Get a task",
  tasks_list: "List tasks",
  tasks_update: "Update a task",
  tasks_cancel: "Cancel a task",
  tasks_retry: "Retry a task",
  tasks_events: "Task timeline",
  tasks_claim: "Claim the next task",
  tasks_report_progress: "Report task progress",
  tasks_complete: "Complete a task",
  tasks_fail: "Fail a task",
  agents_register: "Register an agent",
  agents_list: "List agents",
  agents_get: "Get an agent",
  agents_update: "Update an agent",
  agents_delete: "Delete an agent",
  agents_import_card: "Import an A2A agent card",
  agents_heartbeat: "Agent heartbeat",
  task_templates_list: "List task templates",
  task_templates_create: "Create a task template",
  task_templates_instantiate: "Create a task from a template",
  task_templates_delete: "Delete a task template",
  automations_list: "List automations",
  automations_create: "Create an automation",
  automations_pause: "Pause an automation",
  automations_resume: "Resume an automation",
  automations_delete: "Delete an automation",
  automations_runs: "Automation runs",
  runs_list: "List workflow runs",
  runs_get: "Get a workflow run",
  runs_cancel: "Cancel a workflow run",
  runs_retry: "Retry a workflow run",
  credits_balance: "Credit balance",
  credits_history: "Credit history",
  credits_redeem: "Redeem a promo code",
  credits_earnings: "Seller earnings",
  usage_summary: "Usage summary",
  templates_search: "Search file templates",
  templates_get: "Get a file template",
  templates_create: "Create a file template",
  templates_update: "Update a file template",
  templates_publish: "Publish a template version",
  templates_fork: "Fork a file template",
  templates_diff: "Compare template versions",
  templates_preview: "Preview a template",
  generations_create: "Generate files",
  generations_get: "Get a generation",
  generations_list: "List generations",
};

/** The title of a tool; a tool added without one reads as its words ("tasks_foo" → "Tasks foo"). */
export function toolTitle(name: string): string {
  const t = toolTitles[name];
  if (t) return t;
  const words = name.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
