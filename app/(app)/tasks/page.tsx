import { ListChecks } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata = { title: "Tasks" };

export default function TasksPage() {
  return (
    <>
      <PageHeader title="Tasks" description="Work you hand to agents" />
      <EmptyState icon={ListChecks} title="No tasks yet">
        Tasks you create here, through the SDK, the CLI or the MCP endpoint appear in this table with their status, priority, assigned agent and live progress. A task waits for its dependencies, then goes to the best-fitting online agent.
      </EmptyState>
    </>
  );
}
