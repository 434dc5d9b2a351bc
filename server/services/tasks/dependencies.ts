import "server-only";
// Dependencies form a DAG within one organization: unknown or foreign tasks and cycles are refused
// at write time; a success releases the tasks waiting on it, a failure leaves them blocked with
// the reason.
import { and, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "@/db/client";
import { type Task, taskDependencies, tasks } from "@/db/schema";
import { AppError } from "@/server/errors";
import { announceQueued } from "./announce";
import { moveTask } from "./status";

/** The dependency tasks, all in `orgId`; refuses unknown ones naming them. */
export async function loadDependencies(tx: DbOrTx, orgId: string, ids: string[]): Promise<Task[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await tx.select().from(tasks).where(and(inArray(tasks.id, unique), eq(tasks.organizationId, orgId)));
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) {
    throw new AppError("NOT_FOUND", `dependsOn: no task ${missing.join(", ")} in your organization`, { fields: [{ path: "dependsOn", message: `unknown task ${missing[0]}` }] });
  }
  return rows;
}

/** Refuses dependencies that would make `taskId` (transitively) depend on itself. */
export async function assertAcyclic(tx: DbOrTx, taskId: string, dependsOn: string[]): Promise<void> {
  if (dependsOn.includes(taskId)) throw new AppError("BAD_REQUEST", "dependsOn: a task cannot depend on itself", { fields: [{ path: "dependsOn", message: "contains the task itself" }] });
  if (!dependsOn.length) return;
  const ids = sql.join(dependsOn.map((d) => sql`${d}::uuid`), sql`, `);
  const hit = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with recursive upstream(id) as (
        select unnest(array[${ids}])
        union
        select d.depends_on_id from task_dependencies d join upstream u on d.task_id = u.id
      )
      select id from upstream where id = ${taskId}::uuid limit 1`),
  );
  if (hit.length) {
    throw new AppError("BAD_REQUEST", "dependsOn: these dependencies would form a cycle (a task would wait on itself)", { fields: [{ path: "dependsOn", message: "would form a cycle" }] });
  }
}

/** Why a task with these dependencies cannot run yet, or null when all succeeded. */
export function blockingReason(deps: Task[]): string | null {
  const failed = deps.find((d) => d.status === "failed" || d.status === "cancelled");
  if (failed) return `dependency "${failed.title}" ${failed.status}`;
  const waiting = deps.filter((d) => d.status !== "succeeded");
  if (waiting.length) return `waiting for ${waiting.length} ${waiting.length === 1 ? "dependency" : "dependencies"}: ${waiting.map((d) => `"${d.title}"`).join(", ")}`;
  return null;
}

/** After `task` ends: release dependents whose dependencies all succeeded, or say why they stay blocked. */
export async function settleDependents(tx: DbOrTx, task: Task, actor: string): Promise<string[]> {
  const dependents = await tx
    .select({ t: tasks })
    .from(taskDependencies)
    .innerJoin(tasks, eq(tasks.id, taskDependencies.taskId))
    .where(and(eq(taskDependencies.dependsOnId, task.id), eq(tasks.status, "blocked")))
    .for("update", { of: tasks });
  const released: string[] = [];
  for (const { t } of dependents) {
    const deps = await tx.select({ t: tasks }).from(taskDependencies).innerJoin(tasks, eq(tasks.id, taskDependencies.dependsOnId)).where(eq(taskDependencies.taskId, t.id));
    const reason = blockingReason(deps.map((d) => d.t));
    if (reason) {
      if (reason !== t.blockedReason) await tx.update(tasks).set({ blockedReason: reason, updatedAt: new Date() }).where(eq(tasks.id, t.id));
      continue;
    }
    const moved = await moveTask(tx, t, "queued", { blockedReason: null }, { type: "released", actor, data: { after: task.id } });
    await announceQueued(tx, moved);
    released.push(t.id);
  }
  return released;
}
