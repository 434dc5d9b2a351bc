import { TaskDetail } from "@/components/tasks/task-detail";
import { foundOr404 } from "@/server/trpc/found";
import { serverCaller } from "@/server/trpc/server";

export const metadata = { title: "Task" };

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await serverCaller();
  await foundOr404(() => caller.tasks.get({ id }));
  return <TaskDetail id={id} />;
}
