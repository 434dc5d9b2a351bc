import { Bot } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata = { title: "Agents" };

export default function AgentsPage() {
  return (
    <>
      <PageHeader title="Agents" description="The agents that do your organization's work" />
      <EmptyState icon={Bot} title="No agents registered">
        Register a webhook agent, connect an MCP agent with an API key, or use the built-in file-generation agent. Each agent shows its status, capabilities, load, success rate and latency here.
      </EmptyState>
    </>
  );
}
