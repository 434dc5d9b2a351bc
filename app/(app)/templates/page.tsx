import { FileCode2 } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata = { title: "Templates" };

export default function TemplatesPage() {
  return (
    <>
      <PageHeader title="Templates" description="Versioned Liquid templates that generate files" />
      <EmptyState icon={FileCode2} title="No templates yet">
        Templates turn variables into files, delivered as a JSON file list, a ZIP or a Git repository with instructions. Write one in the editor with a live preview, publish versions, or fork one from the marketplace.
      </EmptyState>
    </>
  );
}
