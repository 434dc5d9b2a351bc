import { AutomationsView } from "@/components/automations/automations-view";
import { PageHeader } from "@/components/shell/page-header";

export const metadata = { title: "Automations" };

export default function AutomationsPage() {
  return (
    <>
      <PageHeader title="Automations" description="Task templates, and the schedules and events that create tasks from them" />
      <AutomationsView />
    </>
  );
}
