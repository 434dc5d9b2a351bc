// Tasks and agents from the terminal: list, create (optionally waiting), get, watch live, cancel;
// list and register agents.
import type { CloudMcpClient, RouterOutputs } from "../../sdk/index";
import type { Command } from "../command";
import { CliError, printJson, printRecord, printTable } from "../output";
import { parseVars } from "./templates";

type Task = RouterOutputs["tasks"]["get"];
const final = new Set(["succeeded", "failed", "cancelled"]);

function bar(p: number, width = 24) {
  const filled = Math.round((p / 100) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(p).padStart(3)}%`;
}

/** Why a task that has not started is waiting: what it is blocked on, or why no agent has it yet. */
export function waitingFor(t: Pick<Task, "status" | "blockedReason" | "match" | "requiredCapabilities">): string {
  if (t.status === "blocked") return t.blockedReason ?? "waiting for the tasks it depends on";
  if (t.status !== "queued") return "";
  if (t.match && !t.match.agentName && t.match.reasons.length) return t.match.reasons.join("; ");
  return t.requiredCapabilities.length ? `waiting for an agent offering ${t.requiredCapabilities.join(", ")}` : "waiting for an agent";
}

function printTask(t: Task) {
  printRecord({
    title: t.title,
    id: t.id,
    status: t.status,
    priority: t.priority,
    progress: `${t.progress}%${t.progressMessage ? ` ${t.progressMessage}` : ""}`,
    agent: t.agentName ?? "",
    cost: t.costCredits || t.holdCredits ? `${t.costCredits} credits paid${t.holdCredits ? `, ${t.holdCredits} held` : ""}` : "",
    needs: t.requiredCapabilities,
    match: t.match?.reasons.join("; ") ?? "",
    blocked: t.blockedReason ?? "",
    error: t.error?.message ?? "",
    result: t.result ? JSON.stringify(t.result) : "",
  });
}

/**
 * Follows a task until it ends: live over SSE, reading the task again each time the stream
 * (re)connects and at each signal. Subscribing first and reading once the stream is open means
 * a change made in between (a fast agent finishing) is either in that read or signalled after.
 */
async function follow(api: CloudMcpClient, id: string, json: boolean): Promise<Task> {
  const show = (x: Task) => {
    if (!json) process.stderr.write(`\r${bar(x.progress)} ${x.status.padEnd(9)} ${(x.progressMessage ?? waitingFor(x)).slice(0, 60).padEnd(60)}`);
  };
  const t = await new Promise<Task>((resolve, reject) => {
    let settled = false;
    let reads = Promise.resolve();
    const end = (fn: () => void) => {
      if (settled) return;
      settled = true;
      sub.unsubscribe();
      fn();
    };
    // One read at a time, in order, so the last shown is the latest.
    const read = () => {
      reads = reads
        .then(async () => {
          if (settled) return;
          const task = await api.tasks.get.query({ id });
          show(task);
          if (final.has(task.status)) end(() => resolve(task));
        })
        .catch((err: unknown) => end(() => reject(err)));
    };
    const sub = api.tasks.watch.subscribe({ taskId: id }, { onStarted: read, onData: read, onError: (err) => end(() => reject(err)) });
  });
  if (!json) process.stderr.write("\n");
  return t;
}

export const taskCommands: Command[] = [
  {
    name: "tasks list",
    summary: "List tasks (newest first, or --queue for the order agents get them)",
    options: { status: { type: "string", multiple: true, description: "Only this status (repeatable)" }, queue: { type: "boolean", description: "The queue: queued tasks in the order agents get them" }, limit: { type: "string", description: "How many (default 25)" } },
    async run({ client, opts, json }) {
      const status = (opts.status as ("queued" | "running")[] | undefined) ?? (opts.queue ? ["queued"] : undefined);
      const page = await (await client()).tasks.list.query({ status, sort: opts.queue ? "queue" : "newest", limit: Number(opts.limit ?? 25) });
      if (json) return printJson(page);
      printTable(
        page.items.map((t) => ({ ...t, agent: t.agentName, progress: `${t.progress}%` })),
        ["id", "title", "status", "priority", "agent", "progress", "createdAt"],
      );
    },
  },
  {
    name: "tasks create",
    summary: "Create a task; --template to generate files; --wait to follow it to the end",
    usage: 'cloud-mcp tasks create "Review the PR" --cap code:review [--priority high] [--depends <id>] [--template ci --var k=v --format zip] [--agent <id> --max-price 50] [--wait]',
    options: {
      description: { type: "string", description: "What the agent needs to know" },
      priority: { type: "string", description: "0–100 or low, normal, high, urgent" },
      cap: { type: "string", multiple: true, description: "A required capability (repeatable)" },
      depends: { type: "string", multiple: true, description: "A task that must succeed first (repeatable)" },
      template: { type: "string", description: "A file template (id or slug) for the built-in file generator" },
      var: { type: "string", multiple: true, description: "A template variable, name=value" },
      format: { type: "string", description: "Generation format: zip (default), git or json" },
      agent: { type: "string", description: "Run it on this agent: yours, or another organization's public agent (paid per attempt)" },
      "max-price": { type: "string", description: "The most credits you pay per attempt on another organization's agent" },
      wait: { type: "boolean", description: "Follow the task live until it ends; exit 1 unless it succeeded" },
    },
    async run({ client, args, opts, json }) {
      const maxPrice = opts["max-price"] as string | undefined;
      if (maxPrice !== undefined && !/^\d+$/.test(maxPrice)) throw new CliError("--max-price is a whole number of credits");
      const title = args.join(" ").trim();
      if (!title) throw new CliError('Give the task a title: cloud-mcp tasks create "…"');
      const raw = opts.priority as string | undefined;
      const priority = raw === undefined ? undefined : /^\d+$/.test(raw) ? Number(raw) : (raw as "low" | "normal" | "high" | "urgent");
      const api = await client();
      const created = await api.tasks.create.mutate({
        title,
        description: opts.description as string | undefined,
        priority,
        requiredCapabilities: opts.cap as string[] | undefined,
        dependsOn: opts.depends as string[] | undefined,
        agentId: opts.agent as string | undefined,
        maxPriceCredits: maxPrice === undefined ? undefined : Number(maxPrice),
        ...(opts.template ? { templateId: opts.template as string, input: { variables: parseVars((opts.var as string[] | undefined) ?? []), format: (opts.format as string | undefined) ?? "zip" } } : {}),
      });
      const t = opts.wait ? await follow(api, created.id, json) : created;
      if (json) printJson(t);
      else printTask(t);
      if (opts.wait && t.status !== "succeeded") throw new CliError(`Task ${t.status}${t.error ? `: ${t.error.message}` : ""}`);
    },
  },
  {
    name: "tasks get",
    summary: "Show a task: status, progress, agent, result",
    usage: "cloud-mcp tasks get <id>",
    async run({ client, args, json }) {
      if (!args[0]) throw new CliError("Name a task: cloud-mcp tasks get <id>");
      const t = await (await client()).tasks.get.query({ id: args[0] });
      if (json) printJson(t);
      else printTask(t);
    },
  },
  {
    name: "tasks watch",
    summary: "Follow a task's progress live until it ends",
    usage: "cloud-mcp tasks watch <id>",
    async run({ client, args, json }) {
      if (!args[0]) throw new CliError("Name a task: cloud-mcp tasks watch <id>");
      const t = await follow(await client(), args[0], json);
      if (json) printJson(t);
      else printTask(t);
      if (t.status !== "succeeded") throw new CliError(`Task ${t.status}${t.error ? `: ${t.error.message}` : ""}`);
    },
  },
  {
    name: "tasks cancel",
    summary: "Cancel a task",
    usage: "cloud-mcp tasks cancel <id>",
    async run({ client, args, json }) {
      if (!args[0]) throw new CliError("Name a task: cloud-mcp tasks cancel <id>");
      const t = await (await client()).tasks.cancel.mutate({ taskId: args[0] });
      if (json) printJson(t);
      else process.stdout.write(`Cancelled ${t.title}\n`);
    },
  },
  {
    name: "agents list",
    summary: "List agents with their load, success rate and p50 duration",
    options: { cap: { type: "string", description: "Only agents offering this capability" } },
    async run({ client, opts, json }) {
      const list = await (await client()).agents.list.query({ capability: opts.cap as string | undefined, limit: 100 });
      if (json) return printJson(list);
      printTable(
        list.map((a) => ({ ...a, load: `${a.stats.running}/${a.maxConcurrency}`, success: a.stats.successRate === null ? "" : `${Math.round(a.stats.successRate * 100)}%`, p50: a.stats.p50Ms })),
        ["id", "name", "kind", "status", "capabilities", "load", "success", "p50"],
      );
    },
  },
  {
    name: "agents register",
    summary: "Register an MCP agent (pulls tasks) or a webhook agent (--url)",
    usage: 'cloud-mcp agents register "Reviewer" --cap code:review [--url https://…] [--max 4]',
    options: {
      cap: { type: "string", multiple: true, description: "A capability it offers (repeatable)" },
      url: { type: "string", description: "Webhook URL: makes it a webhook agent" },
      max: { type: "string", description: "Tasks at once (default 1)" },
      description: { type: "string", description: "What it does" },
    },
    async run({ client, args, opts, json }) {
      const name = args.join(" ").trim();
      if (!name) throw new CliError('Name the agent: cloud-mcp agents register "…" --cap …');
      const res = await (await client()).agents.register.mutate({
        name,
        kind: opts.url ? "webhook" : "mcp",
        capabilities: (opts.cap as string[] | undefined) ?? [],
        url: opts.url as string | undefined,
        maxConcurrency: opts.max ? Number(opts.max) : undefined,
        description: opts.description as string | undefined,
      });
      if (json) return printJson(res);
      process.stdout.write(`Registered ${res.agent.name} (${res.agent.kind}): ${res.agent.id}\n`);
      if (res.signingSecret) process.stdout.write(`Signing secret (shown once): ${res.signingSecret}\n`);
    },
  },
];
