import type { Command } from "../command";
import { printJson, printTable } from "../output";

export const usageCommands: Command[] = [
  {
    name: "usage",
    summary: "Usage per day: tasks, generations, bytes, workflow runs",
    usage: "cloud-mcp usage [--days 30]",
    options: { days: { type: "string", description: "How many days back (default 30)" } },
    async run({ client, opts, json }) {
      const u = await (await client()).usage.summary.query({ days: Number(opts.days ?? 30) });
      if (json) return printJson(u);
      printTable(
        u.days.filter((d) => d.tasksCreated || d.generations || d.workflowRuns || d.tasksSucceeded || d.tasksFailed),
        ["date", "tasksCreated", "tasksSucceeded", "tasksFailed", "generations", "bytesGenerated", "workflowRuns"],
      );
      process.stdout.write(`\nTotal ${u.from} → ${u.to}: ${u.totals.tasksCreated} tasks created, ${u.totals.tasksSucceeded} succeeded, ${u.totals.generations} generations (${u.totals.bytesGenerated} bytes)\n`);
    },
  },
  {
    name: "credits",
    summary: "Your organization's credit balance, what is held for paid work in flight, and recent movements",
    usage: "cloud-mcp credits [--limit 10]",
    options: { limit: { type: "string", description: "How many recent movements (default 10, at most 100)" } },
    async run({ client, opts, json }) {
      const api = await client();
      const [balance, history] = await Promise.all([api.credits.balance.query({}), api.credits.history.query({ limit: Number(opts.limit ?? 10) })]);
      if (json) return printJson({ ...balance, history: history.items });
      process.stdout.write(`Balance: ${balance.balance} credits${balance.held ? ` (${balance.held} held for work in flight)` : ""}\n\n`);
      printTable(
        history.items.map((e) => ({ at: e.at.toISOString(), kind: e.kind, amount: e.amount > 0 ? `+${e.amount}` : String(e.amount), balance: e.balanceAfter, memo: e.memo })),
        ["at", "kind", "amount", "balance", "memo"],
      );
    },
  },
];
