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
];
