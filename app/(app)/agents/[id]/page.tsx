import { AgentDetail } from "@/components/agents/agent-detail";
import { getQueryClient, HydrateClient, prefetch, trpcServer } from "@/app/(app)/prefetch";
import { foundOr404 } from "@/server/trpc/found";

export const metadata = { title: "Agent" };

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // One read serves both: a missing or foreign id answers 404 here, and the found one is in the HTML.
  await foundOr404(() => getQueryClient().fetchQuery(trpcServer.agents.get.queryOptions({ agentId: id })));
  await prefetch(trpcServer.tasks.list.queryOptions({ agentId: id, limit: 50, sort: "newest" }));
  return (
    <HydrateClient>
      <AgentDetail id={id} />
    </HydrateClient>
  );
}
