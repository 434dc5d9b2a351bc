import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { TaskOutput } from "@/server/schemas/tasks";

const tone = { pending: "neutral", blocked: "warning", queued: "neutral", assigned: "info", running: "info", succeeded: "success", failed: "danger", cancelled: "warning" } as const;

export function TaskStatus({ status }: { status: TaskOutput["status"] }) {
  return <Badge tone={tone[status]}>{status}</Badge>;
}

export function priorityLabel(p: number) {
  return p >= 90 ? "urgent" : p >= 70 ? "high" : p >= 30 ? "normal" : "low";
}

export function Priority({ value }: { value: number }) {
  const label = priorityLabel(value);
  return (
    <span className={cn("text-xs", label === "urgent" ? "font-semibold text-danger" : label === "high" ? "font-medium text-amber-600" : "text-muted-fg")} title={`priority ${value}`}>
      {label} · {value}
    </span>
  );
}

export function ProgressBar({ value, live, label }: { value: number; live?: boolean; label?: string }) {
  return (
    <div className="grid gap-1" role="progressbar" aria-valuenow={value} aria-valuemin={0} aria-valuemax={100} aria-label={label ?? "Progress"}>
      <div className="h-2 overflow-hidden rounded-full bg-muted">
        <div className={cn("h-full rounded-full bg-primary transition-[width] duration-500", live && "animate-pulse")} style={{ width: `${value}%` }} />
      </div>
    </div>
  );
}
