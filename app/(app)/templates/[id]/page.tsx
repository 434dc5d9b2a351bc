import { TemplateView } from "@/components/templates/template-view";
import { getQueryClient, HydrateClient, trpcServer } from "@/app/(app)/prefetch";
import { foundOr404 } from "@/server/trpc/found";

export const metadata = { title: "Template" };

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // One read serves both: a missing or foreign id answers 404 here, and the found one is in the HTML.
  await foundOr404(() => getQueryClient().fetchQuery(trpcServer.templates.get.queryOptions({ id })));
  return (
    <HydrateClient>
      <TemplateView id={id} />
    </HydrateClient>
  );
}
