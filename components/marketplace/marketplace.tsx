"use client";
import { Bot, FileCode2 } from "lucide-react";
import { useState } from "react";
import { AgentsList } from "@/components/agents/agents-list";
import { TemplatesBrowser } from "@/components/templates/templates-browser";
import { TabList } from "@/components/ui/tab-list";

const tabs = [
  { id: "templates", label: "Templates", icon: FileCode2 },
  { id: "agents", label: "Agents", icon: Bot },
] as const;

/** What every organization shares: public templates to fork or generate from, public agents with their track record. */
export function Marketplace() {
  const [tab, setTab] = useState<(typeof tabs)[number]["id"]>("templates");
  return (
    <div className="grid gap-4">
      <TabList
        label="Marketplace"
        tabs={tabs.map((t) => ({
          id: t.id,
          label: (
            <>
              <t.icon className="size-4" aria-hidden /> {t.label}
            </>
          ),
        }))}
        value={tab}
        onChange={setTab}
      />
      {tab === "templates" ? <TemplatesBrowser market /> : <AgentsList market />}
    </div>
  );
}
