import { EditTemplate } from "@/components/templates/edit-template";

export const metadata = { title: "Edit template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  return <EditTemplate id={(await params).id} />;
}
