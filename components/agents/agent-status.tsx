import { cn } from "@/components/ui/cn";

export function AgentStatusDot({ status }: { status: "online" | "offline" | "disabled" }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs">
      <span className={cn("size-2 rounded-full", status === "online" ? "bg-emerald-500" : status === "offline" ? "bg-slate-400" : "bg-amber-500")} aria-hidden />
      {status}
    </span>
  );
}

export const pct = (n: number | null) => (n === null ? "—" : `${Math.round(n * 100)}%`);
export const dur = (n: number | null) => (n === null ? "—" : n < 1000 ? `${n} ms` : n < 60_000 ? `${(n / 1000).toFixed(1)} s` : `${(n / 60_000).toFixed(1)} min`);
