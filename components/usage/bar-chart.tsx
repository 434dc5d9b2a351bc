// Stacked bars per day in plain SVG: one stack per day, one colour per series, a tooltip per
// segment, the scale's maximum and the first and last day on the axis. No chart library.
export interface BarSeries<T> {
  label: string;
  /** A Tailwind fill class for the bars and a text class for the legend. */
  fill: string;
  text: string;
  value: (d: T) => number;
}

export function BarChart<T extends { date: string }>({ title, days, series, format = (n) => n.toLocaleString("en"), testId }: { title: string; days: T[]; series: BarSeries<T>[]; format?: (n: number) => string; testId?: string }) {
  const totals = days.map((d) => series.reduce((s, x) => s + x.value(d), 0));
  const max = Math.max(1, ...totals);
  const w = 10;
  const grand = totals.reduce((a, b) => a + b, 0);
  return (
    <figure className="grid gap-1" data-testid={testId}>
      <figcaption className="flex items-baseline justify-between text-sm">
        <span className="font-medium">{title}</span>
        <span className="text-xs tabular-nums text-muted-fg">
          {format(grand)} in total · peak {format(Math.max(0, ...totals))}/day
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${Math.max(1, days.length) * w} 100`} className="h-28 w-full rounded bg-muted/40" preserveAspectRatio="none" role="img" aria-label={`${title} per day`}>
        {days.map((d, i) => {
          let y = 100;
          return (
            <g key={d.date}>
              {series.map((s) => {
                const v = s.value(d);
                if (!v) return null;
                const h = (v / max) * 96;
                y -= h;
                return (
                  <rect key={s.label} x={i * w + 1} y={y} width={w - 2} height={h} className={s.fill}>
                    <title>{`${d.date}: ${format(v)} ${s.label}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </svg>
      <div className="flex justify-between text-xs text-muted-fg">
        <span>{days[0]?.date}</span>
        <span className="flex gap-3">
          {series.map((s) => (
            <span key={s.label} className={s.text}>
              ■ {s.label}
            </span>
          ))}
        </span>
        <span>{days.at(-1)?.date}</span>
      </div>
    </figure>
  );
}
