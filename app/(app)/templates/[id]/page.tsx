import { TemplateView } from "@/components/templates/template-view";

export const metadata = { title: "Template" };

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  return <TemplateView id={(await params).id} />;
}
