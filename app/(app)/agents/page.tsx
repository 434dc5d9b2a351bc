import { AgentsList } from "@/components/agents/agents-list";
import { RegisterAgentDialog } from "@/components/agents/register-agent-dialog";
import { PageHeader } from "@/components/shell/page-header";

export const metadata = { title: "Agents" };

export default function AgentsPage() {
  return (
    <>
      <PageHeader title="Agents" description="Who does the work: the built-in file generator, MCP agents that pull tasks, webhook agents the platform posts to" actions={<RegisterAgentDialog />} />
      <AgentsList />
    </>
  );
}
