import { PageHeader } from "@/components/shell/page-header";
import { GenerationsList } from "@/components/templates/generations-list";
import { firstGenerationsPage } from "@/components/trpc/first-pages";
import { HydrateClient, prefetch, trpcServer } from "@/app/(app)/prefetch";

export const metadata = { title: "Generations" };

export default async function GenerationsPage() {
  await prefetch(trpcServer.generations.list.infiniteQueryOptions(firstGenerationsPage, { getNextPageParam: (p) => p.nextCursor }));
  return (
    <HydrateClient>
      <PageHeader title="Generations" description="Files generated from templates, newest first" />
      <GenerationsList />
    </HydrateClient>
  );
}
