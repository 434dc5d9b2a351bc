import { Store } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata = { title: "Marketplace" };

export default function MarketplacePage() {
  return (
    <>
      <PageHeader title="Marketplace" description="Templates and agent capacity shared by other organizations" />
      <EmptyState icon={Store} title="The marketplace is empty">
        Public templates and agents appear here with their price in credits, stars and usage. Fork a template into your organization or run tasks on another organization's public agent.
      </EmptyState>
    </>
  );
}
