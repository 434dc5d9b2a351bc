import { Gauge } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata = { title: "Usage" };

export default function UsagePage() {
  return (
    <>
      <PageHeader title="Usage" description="Credits, metered usage and quotas" />
      <EmptyState icon={Gauge} title="No usage recorded yet">
        Task runs, generations, bytes generated and MCP/API calls are metered per day and shown here beside your plan's quotas and your credit balance.
      </EmptyState>
    </>
  );
}
