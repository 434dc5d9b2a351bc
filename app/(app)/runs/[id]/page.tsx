import { RunTimeline } from "@/components/runs/run-timeline";
import { getQueryClient, HydrateClient, trpcServer } from "@/app/(app)/prefetch";
import { foundOr404 } from "@/server/trpc/found";

export const metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // One read serves both: a missing or foreign id answers 404 here, and the found one is in the HTML.
  await foundOr404(() => getQueryClient().fetchQuery(trpcServer.runs.get.queryOptions({ id })));
  return (
    <HydrateClient>
      <RunTimeline id={id} />
    </HydrateClient>
  );
}
