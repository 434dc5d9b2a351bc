import { RunTimeline } from "@/components/runs/run-timeline";
import { foundOr404 } from "@/server/trpc/found";
import { serverCaller } from "@/server/trpc/server";

export const metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await serverCaller();
  await foundOr404(() => caller.runs.get({ id }));
  return <RunTimeline id={id} />;
}
