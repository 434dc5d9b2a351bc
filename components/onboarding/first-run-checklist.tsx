"use client";
// The first-run path, checked off from what the organization has actually done: create a key,
// connect an agent, run a first task, generate from a template. Dismissed per organization
// (in this browser); gone by itself once every step is done.
import { useQuery } from "@tanstack/react-query";
import { CheckCircle2, Circle, X } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

const steps = [
  { key: "createdKey", label: "Create an API key", hint: "Agents, the SDK and the CLI sign in with one.", href: "/settings/api-keys", cta: "Create a key" },
  { key: "connectedAgent", label: "Connect an agent", hint: "Point an MCP client at this platform with your key.", href: "/settings/connect", cta: "Connect" },
  { key: "ranTask", label: "Run a first task", hint: "New task hands work to the agent whose capabilities fit.", href: "/tasks", cta: null },
  { key: "generated", label: "Generate from a template", hint: "Render files as a ZIP, a Git repository or a list.", href: "/marketplace", cta: "Browse templates" },
] as const;

const storageKey = (orgId: string) => `onboarding-dismissed:${orgId}`;

export function FirstRunChecklist() {
  const trpc = useTRPC();
  // Read afresh each time the page shows: the steps happen on other pages.
  const status = useQuery({ ...trpc.onboarding.status.queryOptions({}), staleTime: 0, refetchOnMount: "always" });
  // Read after mount: the server does not know what this browser dismissed.
  const [dismissed, setDismissed] = useState<boolean | null>(null);
  const orgId = status.data?.orgId;
  useEffect(() => {
    if (orgId) setDismissed(localStorage.getItem(storageKey(orgId)) === "1");
  }, [orgId]);
  if (!status.data || dismissed !== false) return null;
  const s = status.data;
  const done = steps.filter((x) => s[x.key]).length;
  if (done === steps.length) return null;
  return (
    <Card className="mb-6 p-5" data-testid="first-run" role="region" aria-label="Getting started">
      <div className="flex items-start gap-3">
        <div className="grid flex-1 gap-1">
          <h2 className="text-base font-semibold">Get started</h2>
          <p className="text-sm text-muted-fg">
            {done} of {steps.length} done. Each step checks itself off when your organization has done it.
          </p>
          <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden>
            <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${(done / steps.length) * 100}%` }} />
          </div>
        </div>
        <button
          type="button"
          className="rounded-md p-1 text-muted-fg hover:bg-muted hover:text-fg"
          aria-label="Dismiss getting started"
          data-testid="first-run-dismiss"
          onClick={() => {
            localStorage.setItem(storageKey(s.orgId), "1");
            setDismissed(true);
          }}
        >
          <X className="size-4" />
        </button>
      </div>
      <ol className="mt-4 grid gap-2 sm:grid-cols-2">
        {steps.map((x, i) => {
          const ok = s[x.key];
          return (
            <li key={x.key} data-testid={`first-run-${x.key}`} data-done={ok} className={cn("flex gap-3 rounded-lg border border-border p-3", ok && "bg-muted/50")}>
              {ok ? <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-label="Done" /> : <Circle className="mt-0.5 size-5 shrink-0 text-muted-fg" aria-label="To do" />}
              <div className="grid gap-0.5 text-sm">
                <span className={cn("font-medium", ok && "text-muted-fg line-through decoration-muted-fg/50")}>
                  {i + 1}. {x.label}
                </span>
                <span className="text-xs text-muted-fg">{x.hint}</span>
                {!ok && x.cta ? (
                  <Link href={x.href} className="text-xs font-medium text-primary hover:underline">
                    {x.cta} →
                  </Link>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
