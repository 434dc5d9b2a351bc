import { TaskDetail } from "@/components/tasks/task-detail";

export const metadata = { title: "Task" };

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  return <TaskDetail id={(await params).id} />;
}
