import { FirstRunChecklist } from "@/components/onboarding/first-run-checklist";
import { PageHeader } from "@/components/shell/page-header";
import { CreateTaskDialog } from "@/components/tasks/create-task-dialog";
import { TasksTable } from "@/components/tasks/tasks-table";

export const metadata = { title: "Tasks" };

export default function TasksPage() {
  return (
    <>
      <PageHeader title="Tasks" description="Work you hand to agents, matched by capability, with live progress" actions={<CreateTaskDialog />} />
      <FirstRunChecklist />
      <TasksTable />
    </>
  );
}
