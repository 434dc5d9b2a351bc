import { Badge } from "@/components/ui/badge";

const tones = { queued: "neutral", running: "info", sleeping: "neutral", waiting: "neutral", completed: "success", failed: "danger", cancelled: "warning", retrying: "warning" } as const;

export function RunStatus({ status }: { status: string }) {
  return <Badge tone={tones[status as keyof typeof tones] ?? "neutral"}>{status}</Badge>;
}

export const ms = (n: number | null | undefined) => (n === null || n === undefined ? "—" : n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`);
export const span = (a: Date | null, b: Date | null) => (a && b ? b.getTime() - a.getTime() : null);
