import { PageHeader } from "@/components/shell/page-header";
import { UsageView } from "@/components/usage/usage-view";

export const metadata = { title: "Usage" };

export default function UsagePage() {
  return (
    <>
      <PageHeader title="Usage" description="Tasks, generations and workflow runs per day" />
      <UsageView />
    </>
  );
}
