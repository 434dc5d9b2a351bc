// The plan's limits beside the charts: each allowance with what is used now and what is left.
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { UsageSummary } from "./usage-csv";

type Quota = { limit: number | null; used: number; left: number | null };
const count = (n: number) => n.toLocaleString("en");
const size = (n: number) => {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i ? n.toFixed(n < 10 ? 1 : 0) : n} ${units[i]}`;
};

function Meter({ label, q, unit = count, resets }: { label: string; q: Quota; unit?: (n: number) => string; resets?: string }) {
  const share = q.limit === null ? 0 : Math.min(1, q.used / Math.max(1, q.limit));
  return (
    <div className="grid gap-1" data-testid={`quota-${label.toLowerCase().replaceAll(" ", "-")}`}>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span>{label}</span>
        <span className="tabular-nums text-muted-fg">
          {unit(q.used)} / {q.limit === null ? "unlimited" : unit(q.limit)}
        </span>
      </div>
      <div className="h-2 overflow-hidden rounded bg-muted" aria-hidden>
        <div className={cn("h-full", share >= 1 ? "bg-danger" : share >= 0.8 ? "bg-amber-500" : "bg-primary")} style={{ width: `${share * 100}%` }} />
      </div>
      <div className="text-xs text-muted-fg">
        {q.left === null ? "no limit on this plan" : q.left === 0 ? `none left${resets ? ` · resets ${resets}` : ""}` : `${unit(q.left)} left${resets ? ` · resets ${resets}` : ""}`}
      </div>
    </div>
  );
}

export function PlanLimits({ plan }: { plan: UsageSummary["plan"] }) {
  const rate = plan.apiCallsThisMinute;
  return (
    <Card data-testid="plan-limits">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Plan <Badge tone="info">{plan.name}</Badge>
        </CardTitle>
        <CardDescription>What the plan allows and what is left now</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Meter label="Tasks today" q={plan.tasksToday} resets="at 00:00 UTC" />
        <Meter label="Generations today" q={plan.generationsToday} resets="at 00:00 UTC" />
        <Meter label="Generated this month" q={plan.generatedBytesThisMonth} unit={size} resets="on the 1st" />
        <Meter label="Tasks running now" q={plan.runningTasks} />
        <Meter label="API calls this minute" q={rate.organization} resets={rate.resetsInSeconds ? `in ${rate.resetsInSeconds} s` : undefined} />
        <dl className="grid grid-cols-2 gap-1 text-xs text-muted-fg">
          <dt>Per API key</dt>
          <dd className="text-right tabular-nums">{rate.perKeyLimit === null ? "unlimited" : `${count(rate.perKeyLimit)} calls/min`}</dd>
          <dt>Members</dt>
          <dd className="text-right tabular-nums">{plan.members === null ? "unlimited" : count(plan.members)}</dd>
          <dt>Monthly credit grant</dt>
          <dd className="text-right tabular-nums">{count(plan.monthlyCreditGrant)}</dd>
        </dl>
      </CardContent>
    </Card>
  );
}
