import { AgentsList } from "@/components/agents/agents-list";
import { RegisterAgentDialog } from "@/components/agents/register-agent-dialog";
import { PageHeader } from "@/components/shell/page-header";
import { firstAgentsPage } from "@/components/trpc/first-pages";
import { HydrateClient, prefetch, trpcServer } from "@/app/(app)/prefetch";

export const metadata = { title: "Agents" };

export default async function AgentsPage() {
  await prefetch(trpcServer.agents.list.queryOptions(firstAgentsPage(false)));
  return (
    <HydrateClient>
      <PageHeader title="Agents" description="Who does the work: the built-in file generator, MCP agents that pull tasks, webhook agents the platform posts to" actions={<RegisterAgentDialog />} />
      <AgentsList />
    </HydrateClient>
  );
}
