// Timing helpers for `npm run bench`: every figure is printed beside a baseline measured in the same run.
export interface BenchRow {
  name: string;
  p50: number;
  p90?: number;
  p95: number;
  baselineName?: string;
  baselineP50?: number;
  baselineP90?: number;
  baselineP95?: number;
  unit?: string;
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Runs `fn` `warmup` times untimed, then `iterations` times; returns p50/p90/p95 in milliseconds. */
export async function measure(fn: () => Promise<unknown>, iterations = 300, warmup = 30): Promise<{ p50: number; p90: number; p95: number; samples: number[] }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p90: percentile(samples, 90), p95: percentile(samples, 95), samples };
}

const fmt = (n: number | undefined, unit = "ms") => (n === undefined || Number.isNaN(n) ? "—" : `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ${unit}`);

export function printRows(title: string, rows: BenchRow[]) {
  console.log(`\n${title}`);
  const table = rows.map((r) => ({
    benchmark: r.name,
    p50: fmt(r.p50, r.unit),
    p90: fmt(r.p90, r.unit),
    p95: fmt(r.p95, r.unit),
    baseline: r.baselineName ?? "—",
    "baseline p50": fmt(r.baselineP50, r.unit),
    "baseline p90": fmt(r.baselineP90, r.unit),
    "baseline p95": fmt(r.baselineP95, r.unit),
    "ratio p50": r.baselineP50 ? `${(r.p50 / r.baselineP50).toFixed(2)}×` : "—",
    "ratio p90": r.p90 !== undefined && r.baselineP90 ? `${(r.p90 / r.baselineP90).toFixed(2)}×` : "—",
    note: r.note ?? "",
  }));
  console.table(table);
}
