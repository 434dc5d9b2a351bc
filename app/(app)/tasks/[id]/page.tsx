import { TaskDetail } from "@/components/tasks/task-detail";
import { getQueryClient, HydrateClient, prefetch, trpcServer } from "@/app/(app)/prefetch";
import { foundOr404 } from "@/server/trpc/found";

export const metadata = { title: "Task" };

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // One read serves both: a missing or foreign id answers 404 here, and the found one is in the HTML.
  await foundOr404(() => getQueryClient().fetchQuery(trpcServer.tasks.get.queryOptions({ id })));
  await prefetch(trpcServer.tasks.events.queryOptions({ taskId: id }));
  return (
    <HydrateClient>
      <TaskDetail id={id} />
    </HydrateClient>
  );
}
