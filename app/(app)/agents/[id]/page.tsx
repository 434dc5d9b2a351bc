import { AgentDetail } from "@/components/agents/agent-detail";
import { foundOr404 } from "@/server/trpc/found";
import { serverCaller } from "@/server/trpc/server";

export const metadata = { title: "Agent" };

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await serverCaller();
  await foundOr404(() => caller.agents.get({ agentId: id }));
  return <AgentDetail id={id} />;
}
