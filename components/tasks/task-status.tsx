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

/** The bar with its percentage; `message`: the agent's last progress note, under it. */
export function ProgressBar({ value, live, label, message, showValue = true }: { value: number; live?: boolean; label?: string; message?: string | null; showValue?: boolean }) {
  const pct = Math.round(value);
  return (
    <div className="grid min-w-28 gap-1" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={label ?? "Progress"} aria-valuetext={message ? `${pct}% ${message}` : `${pct}%`}>
      <div className="flex items-center gap-2">
        <div className="h-2 flex-1 overflow-hidden rounded-full bg-muted">
          <div className={cn("h-full rounded-full bg-primary transition-[width] duration-500", live && "animate-pulse")} style={{ width: `${pct}%` }} />
        </div>
        {showValue ? <span className="w-9 text-right text-xs tabular-nums text-muted-fg">{pct}%</span> : null}
      </div>
      {message ? (
        <span className="max-w-48 truncate text-xs text-muted-fg" title={message}>
          {message}
        </span>
      ) : null}
    </div>
  );
}
