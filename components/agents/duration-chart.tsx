// Recent task durations of an agent as bars (red for failures), with the p50 and p95 lines.
import { dur } from "./agent-status";

export function DurationChart({ runs, p50, p95 }: { runs: { id: string; ms: number; ok: boolean }[]; p50: number | null; p95: number | null }) {
  if (!runs.length) return <p className="text-sm text-muted-fg">No finished task yet.</p>;
  const w = 600;
  const h = 140;
  const max = Math.max(...runs.map((r) => r.ms), p95 ?? 0, 1);
  const bw = w / runs.length;
  const y = (ms: number) => h - (ms / max) * (h - 10);
  return (
    <figure className="grid gap-1">
      <svg viewBox={`0 0 ${w} ${h}`} className="h-36 w-full" role="img" aria-label={`Durations of the last ${runs.length} tasks`}>
        {runs.map((r, i) => (
          <rect key={r.id} x={i * bw + 1} y={y(r.ms)} width={Math.max(1, bw - 2)} height={h - y(r.ms)} rx={1.5} className={r.ok ? "fill-indigo-400 dark:fill-indigo-500" : "fill-red-400"}>
            <title>{`${dur(r.ms)}${r.ok ? "" : " (failed)"}`}</title>
          </rect>
        ))}
        {[p50, p95].map((p, i) =>
          p === null ? null : <line key={i} x1={0} x2={w} y1={y(p)} y2={y(p)} strokeDasharray="4 4" className={i ? "stroke-amber-500" : "stroke-emerald-500"} strokeWidth={1.5} />,
        )}
      </svg>
      <figcaption className="flex gap-4 text-xs text-muted-fg">
        <span>last {runs.length} tasks, oldest first</span>
        {p50 !== null ? <span className="text-emerald-600">— p50 {dur(p50)}</span> : null}
        {p95 !== null ? <span className="text-amber-600">— p95 {dur(p95)}</span> : null}
      </figcaption>
    </figure>
  );
}
