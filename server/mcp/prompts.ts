import "server-only";
// MCP prompts for the common flows (issue 16 item 4): each is a message the client puts in front
// of its model, filled with what the platform knows now (the agents that could take the task, the
// template's variables), and naming the tools to call. Arguments complete through the SDK's
// `completable`; reads go through the router, so role, scope and tenant checks are its own.
import { completable, getCompleter } from "@modelcontextprotocol/sdk/server/completable.js";
import { ErrorCode, type GetPromptResult, McpError, type Prompt } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { AgentOutput } from "@/server/schemas/tasks";
import { allowedFor, callProcedure, toJson } from "@/server/trpc/catalog";
import type { Context } from "@/server/trpc/context";
import { describeError } from "@/server/trpc/describe-error";
import { capabilities, read, templateRefs } from "./completions";
import { type IconDomain, iconsFor } from "./icons";
import { findTool } from "./tools";

type Args = Record<string, string | undefined>;
interface PromptDef {
  name: string;
  title: string;
  description: string;
  /** The domain whose icon the prompt shows (server/mcp/icons.ts). */
  icon: IconDomain;
  args: z.ZodObject<Record<string, z.ZodType<string | undefined>>>;
  /** Tools the prompt has the model call: listed only to callers who may call them all. */
  tools: string[];
  render(args: Args): Promise<GetPromptResult>;
}

const text = (description: string, messageText: string): GetPromptResult => ({
  description,
  messages: [{ role: "user", content: { type: "text", text: messageText } }],
});

function agentLine(a: AgentOutput): string {
  const rate = a.stats.successRate === null ? "no runs yet" : `${Math.round(a.stats.successRate * 100)}% of ${a.stats.runs} runs succeeded`;
  const p95 = a.stats.p95Ms === null ? "" : `, p95 ${Math.round(a.stats.p95Ms / 1000)} s`;
  const price = a.owned ? "yours, free" : `${a.publisher ?? "another organization"}, ${a.priceCredits} credits per attempt`;
  return `- ${a.name} (agentId ${a.id}): ${a.status}, load ${a.stats.load}/${a.maxConcurrency}, ${rate}${p95}; ${price}; offers ${a.capabilities.join(", ")}`;
}

function handOffTask(ctx: Context): PromptDef {
  return {
    tools: ["agents_list", "tasks_create", "tasks_get"],
    name: "hand_off_task",
    title: "Hand a task to the best agent",
    icon: "tasks",
    description: "Create a task and route it to the agent best placed to do it, from those offering the capability it needs.",
    args: z.object({
      title: z.string().trim().min(1, "title is required").describe("What needs doing, in one line"),
      capability: completable(z.string().optional().describe("The capability an agent must offer, e.g. code:review (completes from registered agents)"), (value) =>
        capabilities(ctx, value ?? ""),
      ),
      details: z.string().optional().describe("Anything the agent should know: context, acceptance criteria"),
    }),
    async render(args) {
      const cap = args.capability?.trim().toLowerCase() || undefined;
      const agents = (await read<AgentOutput[]>(ctx, "agents.list", { capability: cap, scope: "all", limit: 20 })) ?? [];
      const usable = agents.filter((a) => a.status !== "disabled");
      const create = { title: args.title, ...(args.details ? { description: args.details } : {}), ...(cap ? { requiredCapabilities: [cap] } : {}) };
      const candidates = usable.length
        ? `Agents that could take it now:\n${usable.map(agentLine).join("\n")}`
        : `No agent offers ${cap ? `"${cap}"` : "any capability"} yet: the task will wait in the queue until one registers (agents_register), so say so to the person.`;
      return text(`Hand off "${args.title}"`, [
        `Hand this task to the best agent on Cloud MCP Platform.`,
        ``,
        `Task: ${args.title}`,
        ...(args.details ? [`Details: ${args.details}`] : []),
        ...(cap ? [`Needs the capability: ${cap}`] : []),
        ``,
        candidates,
        ``,
        `Steps:`,
        `1. Pick the agent: online before offline, then the higher success rate, the lower load and p95; prefer your own (free) agents to another organization's (paid per attempt). Call agents_list for more detail if needed.`,
        `2. Call tasks_create with ${JSON.stringify(create)}, adding "agentId" for the agent you picked (and "maxPriceCredits" at least its price when it is another organization's). Without agentId, matching picks an agent itself.`,
        `3. Report the task id, the agent and the price to the person; follow it with tasks_get until its status is succeeded or failed.`,
      ].join("\n"));
    },
  };
}

function scaffoldProject(ctx: Context): PromptDef {
  return {
    tools: ["templates_get", "generations_create"],
    name: "scaffold_project",
    title: "Scaffold a project from a template",
    icon: "generations",
    description: "Generate a project's files from a file template: read its variables, fill them in, then generate as a ZIP, JSON or Git repository.",
    args: z.object({
      template: completable(z.string().trim().min(1, "template is required").describe("The template's slug or id (completes from the templates you can use)"), (value) =>
        templateRefs(ctx, value),
      ),
      variables: z.string().optional().describe('The variables you already know, as a JSON object, e.g. {"name":"acme"}'),
      format: completable(z.enum(["zip", "json", "git"]).optional().describe("zip (default), json or git"), (value) =>
        (["zip", "json", "git"] as const).filter((f) => f.startsWith(value ?? "")),
      ),
    }),
    async render(args) {
      let given: Record<string, unknown> = {};
      if (args.variables?.trim()) {
        try {
          given = JSON.parse(args.variables) as Record<string, unknown>;
        } catch {
          throw new McpError(ErrorCode.InvalidParams, "variables: must be a JSON object, e.g. {\"name\":\"acme\"}");
        }
        if (!given || typeof given !== "object" || Array.isArray(given)) throw new McpError(ErrorCode.InvalidParams, "variables: must be a JSON object");
      }
      let t: { id: string; slug: string; name: string; description: string; owned: boolean; priceCredits: number; version: { version: string; variables: unknown; instructions: string } };
      try {
        t = toJson(await callProcedure(ctx, "templates.get", { id: args.template })) as typeof t;
      } catch (err) {
        const e = describeError(err);
        throw new McpError(ErrorCode.InvalidParams, `template: ${e.message}. Call templates_search to find one.`);
      }
      const ref = t.owned ? t.slug : t.id;
      const price = !t.owned && t.priceCredits > 0 ? ` It costs ${t.priceCredits} credits to generate from: tell the person and check credits_balance first.` : "";
      const call = { templateId: ref, version: t.version.version, variables: given, format: args.format ?? "zip" };
      return text(`Scaffold from ${t.name} ${t.version.version}`, [
        `Scaffold a project from the file template "${t.name}" (${ref}, version ${t.version.version}) on Cloud MCP Platform.${price}`,
        ...(t.description ? [``, t.description] : []),
        ``,
        `Its variables (JSON Schema):`,
        JSON.stringify(t.version.variables, null, 2),
        ``,
        Object.keys(given).length ? `Known so far: ${JSON.stringify(given)}` : `No variables given yet.`,
        ``,
        `Steps:`,
        `1. Ask the person for every required variable still missing (use the schema's defaults and enums as suggestions); do not invent values.`,
        `2. Call generations_create with ${JSON.stringify(call)}, the variables completed. A validation error names the variable to fix.`,
        `3. Give the person the result: the download or clone URL, and the template's instructions that come back with the files.`,
      ].join("\n"));
    },
  };
}

function promptsFor(ctx: Context): PromptDef[] {
  return [handOffTask(ctx), scaffoldProject(ctx)].filter((p) =>
    p.tools.every((name) => {
      const entry = findTool(name);
      return entry !== undefined && allowedFor(ctx, entry);
    }),
  );
}

/** The prompt as listed: its arguments read off the zod shape (description, and required unless it accepts nothing). */
function promptOf(def: PromptDef): Prompt {
  const args = Object.entries(def.args.shape).map(([name, field]) => ({
    name,
    ...(field.description ? { description: field.description } : {}),
    ...(field.safeParse(undefined).success ? {} : { required: true }),
  }));
  return { name: def.name, title: def.title, icons: iconsFor(def.icon), description: def.description, arguments: args };
}

export function listPrompts(ctx: Context): Prompt[] {
  return promptsFor(ctx).map(promptOf);
}

function promptNamed(ctx: Context, name: string): PromptDef {
  const def = promptsFor(ctx).find((p) => p.name === name);
  if (!def) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt "${name}". Call prompts/list to see the prompts this key may use.`);
  return def;
}

export async function getPrompt(ctx: Context, name: string, args: Args = {}): Promise<GetPromptResult> {
  const def = promptNamed(ctx, name);
  const parsed = def.args.safeParse(args);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("; ");
    throw new McpError(ErrorCode.InvalidParams, `Invalid arguments for ${name}: ${problems}`);
  }
  return def.render(parsed.data as Args);
}

/** Values for one of a prompt's arguments, from what has been typed so far. */
export async function completePromptArgument(ctx: Context, name: string, argument: string, value: string, context?: { arguments?: Record<string, string> }): Promise<string[]> {
  const field = promptNamed(ctx, name).args.shape[argument];
  const complete = field ? getCompleter(field) : undefined;
  return complete ? (await complete(value, context)).filter((v): v is string => typeof v === "string") : [];
}
