"use client";
// Versions of a template with their changelogs, and a diff between any two.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";

export function VersionDiff({ templateId, versions }: { templateId: string; versions: { version: string; changelog: string; createdAt: Date }[] }) {
  const trpc = useTRPC();
  const [from, setFrom] = useState(versions[1]?.version ?? versions[0]!.version);
  const [to, setTo] = useState(versions[0]!.version);
  const diff = useQuery({ ...trpc.templates.diff.queryOptions({ templateId, from, to }), enabled: from !== to });
  return (
    <div className="grid gap-4">
      <Card className="divide-y divide-border">
        {versions.map((v) => (
          <div key={v.version} className="flex flex-wrap items-baseline gap-3 px-4 py-2 text-sm">
            <span className="font-mono font-medium">v{v.version}</span>
            <span className="flex-1 text-muted-fg">{v.changelog || "—"}</span>
            <RelativeTime at={v.createdAt} className="text-xs text-muted-fg" />
          </div>
        ))}
      </Card>
      {versions.length > 1 ? (
        <div className="grid gap-3">
          <div className="flex items-center gap-2 text-sm">
            Compare
            <Select aria-label="From version" value={from} onChange={(e) => setFrom(e.target.value)} className="h-8 w-auto font-mono text-xs">
              {versions.map((v) => (
                <option key={v.version}>{v.version}</option>
              ))}
            </Select>
            with
            <Select aria-label="To version" value={to} onChange={(e) => setTo(e.target.value)} className="h-8 w-auto font-mono text-xs">
              {versions.map((v) => (
                <option key={v.version}>{v.version}</option>
              ))}
            </Select>
          </div>
          {from === to ? (
            <p className="text-sm text-muted-fg">Pick two different versions.</p>
          ) : diff.isLoading ? (
            <p className="text-sm text-muted-fg">Comparing…</p>
          ) : diff.error ? (
            <p className="text-sm text-danger">{errorMessage(diff.error)}</p>
          ) : diff.data ? (
            <div className="grid gap-3" data-testid="version-diff">
              {diff.data.variablesChanged || diff.data.instructionsChanged ? (
                <p className="text-sm text-muted-fg">
                  {[diff.data.variablesChanged && "Variables changed.", diff.data.instructionsChanged && "Instructions changed."].filter(Boolean).join(" ")}
                </p>
              ) : null}
              {diff.data.files.length === 0 ? <p className="text-sm text-muted-fg">No file changed.</p> : null}
              {diff.data.files.map((f) => (
                <Card key={f.path} className="overflow-hidden">
                  <div className="flex items-center gap-2 border-b border-border px-3 py-1.5 font-mono text-xs">
                    <span className={cn("uppercase", f.status === "added" ? "text-emerald-600" : f.status === "removed" ? "text-danger" : "text-amber-600")}>{f.status}</span>
                    {f.path}
                  </div>
                  {diff.data.sourcesIncluded ? null : <p className="px-3 py-1.5 text-xs text-muted-fg">Line changes of a paid template are shown to its buyers.</p>}
                  <pre className="overflow-auto p-0 font-mono text-xs leading-5">
                    {(f.diff ? f.diff.split("\n") : []).map((line, i) => (
                      <div key={i} className={cn("px-3", line.startsWith("+") ? "bg-emerald-500/10" : line.startsWith("-") ? "bg-red-500/10" : line.startsWith("@@") ? "text-muted-fg" : "")}>
                        {line || " "}
                      </div>
                    ))}
                  </pre>
                </Card>
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
