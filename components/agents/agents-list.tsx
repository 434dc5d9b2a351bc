"use client";
import { useQuery } from "@tanstack/react-query";
import { Bot } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { firstAgentsPage } from "@/components/trpc/first-pages";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { AgentStatusDot, dur, pct } from "./agent-status";
import { RegisterAgentDialog } from "./register-agent-dialog";

/** Your organization's agents and public ones, or (`market`) only the agents every organization shares. */
export function AgentsList({ market = false }: { market?: boolean }) {
  const trpc = useTRPC();
  const [capability, setCapability] = useState("");
  const cap = capability.trim().toLowerCase();
  const list = useQuery({ ...trpc.agents.list.queryOptions({ ...firstAgentsPage(market), capability: cap || undefined }), refetchInterval: 10_000 });
  return (
    <div className="grid gap-4">
      <Input aria-label="Filter by capability" placeholder="Filter by capability, e.g. filegen" value={capability} onChange={(e) => setCapability(e.target.value)} className="max-w-sm" />
      {list.isLoading ? (
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-40" />
          ))}
        </div>
      ) : list.error ? (
        <FormError message={errorMessage(list.error)} />
      ) : !list.data?.length ? (
        <EmptyState icon={Bot} title={cap ? `Nobody offers ${cap}` : market ? "No public agent yet" : "No agents yet"} action={market ? undefined : <RegisterAgentDialog />}>
          {market
            ? "Agents whose sharing is public appear here with their capabilities, load and track record. Make one of yours public from its page."
            : "Register an MCP agent that pulls tasks, or a webhook agent the platform posts them to."}
        </EmptyState>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" data-testid="agents">
          {list.data.map((a) => (
            <li key={a.id}>
              <Card className="flex h-full flex-col gap-3 p-4">
                <div className="flex items-start justify-between gap-2">
                  <div>
                    <Link href={`/agents/${a.id}`} className="font-medium hover:underline">
                      {a.name}
                    </Link>
                    <div className="mt-0.5 flex items-center gap-2 text-xs text-muted-fg">
                      <span className="font-mono">{a.kind}</span>
                      {!a.owned ? <Badge tone="info">public</Badge> : null}
                      {!a.owned && a.publisher ? <span className="truncate">by {a.publisher}</span> : null}
                      {!a.owned ? <span data-testid="agent-price">{a.priceCredits ? `${a.priceCredits} credits / task` : "free"}</span> : null}
                    </div>
                  </div>
                  <AgentStatusDot status={a.status} />
                </div>
                <div className="flex flex-wrap gap-1">
                  {a.capabilities.map((c) => (
                    <span key={c} className="rounded bg-muted px-1.5 py-0.5 font-mono text-[11px]">
                      {c}
                    </span>
                  ))}
                </div>
                <dl className="mt-auto grid grid-cols-4 gap-2 text-center text-xs">
                  <Stat label="load" value={`${a.stats.running}/${a.maxConcurrency}`} />
                  <Stat label="runs" value={String(a.stats.runs)} />
                  <Stat label="success" value={pct(a.stats.successRate)} />
                  <Stat label="p50" value={dur(a.stats.p50Ms)} />
                </dl>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md bg-muted px-1 py-1.5">
      <dd className="font-medium tabular-nums">{value}</dd>
      <dt className="text-muted-fg">{label}</dt>
    </div>
  );
}
