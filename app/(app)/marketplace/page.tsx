import { Marketplace } from "@/components/marketplace/marketplace";
import { PageHeader } from "@/components/shell/page-header";
import { firstTemplatesPage } from "@/components/trpc/first-pages";
import { HydrateClient, prefetch, trpcServer } from "@/app/(app)/prefetch";

export const metadata = { title: "Marketplace" };

export default async function MarketplacePage() {
  await prefetch(trpcServer.templates.search.queryOptions(firstTemplatesPage("public")));
  return (
    <HydrateClient>
      <PageHeader title="Marketplace" description="Templates and agents that organizations share publicly: generate from a template or fork it into yours, compare agents by capability and track record" />
      <Marketplace />
    </HydrateClient>
  );
}
