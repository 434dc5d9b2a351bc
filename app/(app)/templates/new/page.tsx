import { PageHeader } from "@/components/shell/page-header";
import { TemplateEditor } from "@/components/templates/template-editor";

export const metadata = { title: "New template" };

export default function NewTemplatePage() {
  return (
    <>
      <PageHeader title="New template" description="Write files as Liquid templates; the preview re-renders with the sample values as you type." />
      <TemplateEditor />
    </>
  );
}
