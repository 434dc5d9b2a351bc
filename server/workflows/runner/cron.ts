import "server-only";
// Cron triggers: each due tick is recorded once (function, tick time) across every process, and
// only the process that records it starts the run. A function with `workDue` is asked first: a
// tick that would find nothing to do is passed over without a write.
import { Cron } from "croner";
import type { DbOrTx } from "@/db/client";
import { workflowCronTicks } from "@/db/schema";
import type { WorkflowDefinition } from "../types";
import { insertRun } from "./events";

export class CronScheduler {
  private lastChecked = new Map<string, Date>();
  constructor(private readonly functions: WorkflowDefinition[], start = new Date()) {
    for (const def of functions) for (const t of def.options.triggers) if ("cron" in t) this.lastChecked.set(`${def.options.id}|${t.cron}`, start);
  }

  /** Starts the runs for ticks that fell due since the last check. Returns how many this process started. */
  async tick(db: DbOrTx, now = new Date()): Promise<number> {
    let started = 0;
    for (const def of this.functions) {
      for (const t of def.options.triggers) {
        if (!("cron" in t)) continue;
        const key = `${def.options.id}|${t.cron}`;
        const since = this.lastChecked.get(key) ?? now;
        const cron = new Cron(t.cron, { paused: true, timezone: "UTC" });
        let next = cron.nextRun(since);
        // Ticks missed together (a sleeping process) share one look: the work is the same.
        if (next && next <= now && def.options.workDue && !(await def.options.workDue())) next = null;
        while (next && next <= now) {
          const tickAt = next;
          const won = await db.transaction(async (tx) => {
            const [row] = await tx.insert(workflowCronTicks).values({ functionId: def.options.id, tickAt }).onConflictDoNothing().returning();
            if (!row) return false;
            await insertRun(tx, def, { name: "cron", data: { cron: t.cron, tickAt: tickAt.toISOString() } });
            return true;
          });
          if (won) started++;
          next = cron.nextRun(tickAt);
        }
        this.lastChecked.set(key, now);
      }
    }
    return started;
  }
}
