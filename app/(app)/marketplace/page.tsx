import { Marketplace } from "@/components/marketplace/marketplace";
import { PageHeader } from "@/components/shell/page-header";

export const metadata = { title: "Marketplace" };

export default function MarketplacePage() {
  return (
    <>
      <PageHeader title="Marketplace" description="Templates and agents that organizations share publicly: generate from a template or fork it into yours, compare agents by capability and track record" />
      <Marketplace />
    </>
  );
}
