"use client";
import { Bot, FileCode2 } from "lucide-react";
import { useState } from "react";
import { AgentsList } from "@/components/agents/agents-list";
import { TemplatesBrowser } from "@/components/templates/templates-browser";
import { cn } from "@/components/ui/cn";

const tabs = [
  { id: "templates", label: "Templates", icon: FileCode2 },
  { id: "agents", label: "Agents", icon: Bot },
] as const;

/** What every organization shares: public templates to fork or generate from, public agents with their track record. */
export function Marketplace() {
  const [tab, setTab] = useState<(typeof tabs)[number]["id"]>("templates");
  return (
    <div className="grid gap-4">
      <div role="tablist" aria-label="Marketplace" className="flex w-fit rounded-md border border-border bg-card p-0.5">
        {tabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
            className={cn("inline-flex items-center gap-1.5 rounded px-3 py-1 text-sm", tab === t.id ? "bg-muted font-medium" : "text-muted-fg hover:text-fg")}
          >
            <t.icon className="size-4" aria-hidden />
            {t.label}
          </button>
        ))}
      </div>
      {tab === "templates" ? <TemplatesBrowser market /> : <AgentsList market />}
    </div>
  );
}
