import { EditTemplate } from "@/components/templates/edit-template";
import { foundOr404 } from "@/server/trpc/found";
import { serverCaller } from "@/server/trpc/server";

export const metadata = { title: "Edit template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await serverCaller();
  await foundOr404(() => caller.templates.get({ id }));
  return <EditTemplate id={id} />;
}
