"use client";
// Usage over the last days: totals, and tasks and generations per day.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatBytes } from "@/components/templates/generation-result";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { Select } from "@/components/ui/input";
import { LoadingRows } from "@/components/ui/skeleton";

export function UsageView() {
  const trpc = useTRPC();
  const [days, setDays] = useState(30);
  const usage = useQuery(trpc.usage.summary.queryOptions({ days }));
  if (usage.isLoading) return <LoadingRows label="Loading usage" rows={4} />;
  if (usage.error || !usage.data) return <FormError message={errorMessage(usage.error)} />;
  const u = usage.data;
  const max = Math.max(1, ...u.days.map((d) => Math.max(d.tasksCreated, d.generations)));
  const t = u.totals;
  return (
    <div className="grid gap-4">
      <Select aria-label="Period" value={days} onChange={(e) => setDays(Number(e.target.value))} className="w-40">
        <option value={7}>Last 7 days</option>
        <option value={30}>Last 30 days</option>
        <option value={90}>Last 90 days</option>
      </Select>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="usage-totals">
        {[
          ["Tasks created", t.tasksCreated],
          ["Tasks succeeded", t.tasksSucceeded],
          ["Tasks failed", t.tasksFailed],
          ["Generations", t.generations],
          ["Bytes generated", formatBytes(t.bytesGenerated)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-xl border border-border bg-card p-3">
            <div className="text-xs text-muted-fg">{label}</div>
            <div className="text-lg font-semibold tabular-nums">{value}</div>
          </div>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Per day</CardTitle>
        </CardHeader>
        <CardContent>
          <svg viewBox={`0 0 ${u.days.length * 12} 100`} className="h-40 w-full" preserveAspectRatio="none" role="img" aria-label="Tasks and generations per day">
            {u.days.map((d, i) => (
              <g key={d.date}>
                <rect x={i * 12 + 1} y={100 - (d.tasksCreated / max) * 95} width={5} height={(d.tasksCreated / max) * 95} className="fill-indigo-500">
                  <title>{`${d.date}: ${d.tasksCreated} tasks`}</title>
                </rect>
                <rect x={i * 12 + 6} y={100 - (d.generations / max) * 95} width={5} height={(d.generations / max) * 95} className="fill-emerald-500">
                  <title>{`${d.date}: ${d.generations} generations`}</title>
                </rect>
              </g>
            ))}
          </svg>
          <div className="mt-2 flex justify-between text-xs text-muted-fg">
            <span>{u.from}</span>
            <span className="flex gap-3">
              <span className="text-indigo-600">■ tasks</span>
              <span className="text-emerald-600">■ generations</span>
            </span>
            <span>{u.to}</span>
          </div>
        </CardContent>
      </Card>
    </div>
  );
}
