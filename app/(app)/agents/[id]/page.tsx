import { AgentDetail } from "@/components/agents/agent-detail";

export const metadata = { title: "Agent" };

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  return <AgentDetail id={(await params).id} />;
}
