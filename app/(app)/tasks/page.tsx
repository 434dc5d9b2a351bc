import { FirstRunChecklist } from "@/components/onboarding/first-run-checklist";
import { PageHeader } from "@/components/shell/page-header";
import { CreateTaskDialog } from "@/components/tasks/create-task-dialog";
import { TasksTable } from "@/components/tasks/tasks-table";
import { firstTasksPage } from "@/components/trpc/first-pages";
import { HydrateClient, prefetch, trpcServer } from "@/app/(app)/prefetch";

export const metadata = { title: "Tasks" };

export default async function TasksPage() {
  await prefetch(trpcServer.tasks.list.infiniteQueryOptions(firstTasksPage, { getNextPageParam: (p) => p.nextCursor }));
  return (
    <HydrateClient>
      <PageHeader title="Tasks" description="Work you hand to agents, matched by capability, with live progress" actions={<CreateTaskDialog />} />
      <FirstRunChecklist />
      <TasksTable />
    </HydrateClient>
  );
}
