"use client";
// Usage over the last days: API calls per surface and per key, tasks, generations and credits per
// day as bar charts, the plan's limits beside them, and the same figures as a CSV download.
import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import { formatBytes } from "@/components/templates/generation-result";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { Select } from "@/components/ui/input";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { downloadCsv } from "@/components/ui/csv";
import { BarChart } from "./bar-chart";
import { PlanLimits } from "./plan-limits";
import { type UsageSummary, usageCsv, usageCsvName } from "./usage-csv";

type Day = UsageSummary["days"][number];

const download = (u: UsageSummary) => downloadCsv(usageCsvName(u), usageCsv(u));

export function UsageView() {
  const trpc = useTRPC();
  const [days, setDays] = useState(30);
  const usage = useQuery(trpc.usage.summary.queryOptions({ days }, { refetchInterval: 15_000 }));
  if (usage.isLoading) return <LoadingRows label="Loading usage" rows={4} />;
  if (usage.error || !usage.data) return <FormError message={errorMessage(usage.error)} />;
  const u = usage.data;
  const t = u.totals;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Select aria-label="Period" value={days} onChange={(e) => setDays(Number(e.target.value))} className="w-40">
          <option value={7}>Last 7 days</option>
          <option value={30}>Last 30 days</option>
          <option value={90}>Last 90 days</option>
        </Select>
        <Button variant="secondary" size="sm" onClick={() => download(u)} data-testid="usage-csv">
          <Download aria-hidden /> Export CSV
        </Button>
        <span className="text-xs text-muted-fg">Calls are written every second or so; the newest may take a moment to show.</span>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7" data-testid="usage-totals">
        {[
          ["API calls", t.calls.toLocaleString("en")],
          ["Tasks created", t.tasksCreated],
          ["Tasks succeeded", t.tasksSucceeded],
          ["Tasks failed", t.tasksFailed],
          ["Generations", t.generations],
          ["Bytes generated", formatBytes(t.bytesGenerated)],
          ["Credits spent", t.creditsSpent.toLocaleString("en")],
        ].map(([label, value]) => (
          <div key={label} className="rounded-xl border border-border bg-card p-3">
            <div className="text-xs text-muted-fg">{label}</div>
            <div className="text-lg font-semibold tabular-nums">{value}</div>
          </div>
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Per day</CardTitle>
            <CardDescription>
              {u.from} → {u.to} (UTC days)
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <BarChart<Day>
              title="API calls"
              testId="chart-calls"
              days={u.days}
              series={[
                { label: "MCP", fill: "fill-violet-500", text: "text-violet-600", value: (d) => d.callsBySurface.mcp },
                { label: "REST", fill: "fill-sky-500", text: "text-sky-600", value: (d) => d.callsBySurface.rest },
                { label: "tRPC / SDK / dashboard", fill: "fill-slate-400", text: "text-slate-500", value: (d) => d.callsBySurface.trpc },
              ]}
            />
            <BarChart<Day>
              title="Tasks"
              testId="chart-tasks"
              days={u.days}
              series={[
                { label: "succeeded", fill: "fill-emerald-500", text: "text-emerald-600", value: (d) => d.tasksSucceeded },
                { label: "failed", fill: "fill-red-500", text: "text-red-600", value: (d) => d.tasksFailed },
                { label: "created", fill: "fill-indigo-300", text: "text-indigo-500", value: (d) => d.tasksCreated },
              ]}
            />
            <BarChart<Day> title="Generations" testId="chart-generations" days={u.days} series={[{ label: "generations", fill: "fill-emerald-500", text: "text-emerald-600", value: (d) => d.generations }]} />
            <BarChart<Day> title="Bytes generated" days={u.days} format={formatBytes} series={[{ label: "bytes", fill: "fill-teal-500", text: "text-teal-600", value: (d) => d.bytesGenerated }]} />
            <BarChart<Day> title="Credits spent" days={u.days} series={[{ label: "credits", fill: "fill-amber-500", text: "text-amber-600", value: (d) => d.creditsSpent }]} />
          </CardContent>
        </Card>
        <PlanLimits plan={u.plan} />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Calls per API key</CardTitle>
          <CardDescription>Over the period, by surface; the dashboard's calls count without a key</CardDescription>
        </CardHeader>
        <CardContent>
          {u.keys.length === 0 ? (
            <p className="text-sm text-muted-fg">No calls in this period.</p>
          ) : (
            <Table data-testid="usage-keys">
              <thead>
                <tr>
                  <Th>Key</Th>
                  <Th className="text-right">Calls</Th>
                  <Th className="text-right">MCP</Th>
                  <Th className="text-right">REST</Th>
                  <Th className="text-right">tRPC</Th>
                  <Th className="text-right">Errors</Th>
                </tr>
              </thead>
              <tbody>
                {u.keys.map((k) => (
                  <tr key={k.apiKeyId ?? "people"}>
                    <Td>{k.name}</Td>
                    <Td className="text-right tabular-nums">{k.calls.toLocaleString("en")}</Td>
                    <Td className="text-right tabular-nums">{k.bySurface.mcp.toLocaleString("en")}</Td>
                    <Td className="text-right tabular-nums">{k.bySurface.rest.toLocaleString("en")}</Td>
                    <Td className="text-right tabular-nums">{k.bySurface.trpc.toLocaleString("en")}</Td>
                    <Td className="text-right tabular-nums">{k.errors.toLocaleString("en")}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
