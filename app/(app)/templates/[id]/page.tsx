import { TemplateView } from "@/components/templates/template-view";
import { foundOr404 } from "@/server/trpc/found";
import { serverCaller } from "@/server/trpc/server";

export const metadata = { title: "Template" };

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await serverCaller();
  await foundOr404(() => caller.templates.get({ id }));
  return <TemplateView id={id} />;
}
