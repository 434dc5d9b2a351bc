"use client";
// What a workflow run was for, in words, with a link to the task or generation it served.
import Link from "next/link";

/** The workflow functions, named as a person would (their ids stay visible as the detail). */
const functionLabels: Record<string, string> = {
  "dispatch-task": "Dispatch a task",
  "redispatch-queued": "Re-offer queued tasks",
  "tasks-maintenance": "Task maintenance",
  "automations-on-task-finished": "Automations after a task",
  "automations-schedule": "Scheduled automations",
  "generate-files": "Generate files",
  "generations-sweeper": "Close unfinished generations",
};
export const functionLabel = (id: string) => functionLabels[id] ?? id;

type Data = Record<string, unknown>;
/** The task or generation a run is about: in its event's data, or in the event it was started by. */
export function runSubject(event: { data: Data }): { kind: "task" | "generation"; id: string } | null {
  const inner = (event.data.event as { data?: Data } | undefined)?.data ?? {};
  for (const d of [event.data, inner]) {
    if (typeof d.taskId === "string") return { kind: "task", id: d.taskId };
    if (typeof d.generationId === "string") return { kind: "generation", id: d.generationId };
  }
  return null;
}

export function RunPurpose({ event }: { event: { name: string; data: Data } }) {
  const subject = runSubject(event);
  if (!subject) return <span className="text-xs text-muted-fg">{event.name.startsWith("cron") || !event.name ? "on a schedule" : event.name}</span>;
  return subject.kind === "task" ? (
    <Link href={`/tasks/${subject.id}`} className="text-xs text-primary hover:underline" data-testid="run-subject">
      Task {subject.id.slice(0, 8)}
    </Link>
  ) : (
    <Link href={`/generations?open=${subject.id}`} className="text-xs text-primary hover:underline" data-testid="run-subject">
      Generation {subject.id.slice(0, 8)}
    </Link>
  );
}
