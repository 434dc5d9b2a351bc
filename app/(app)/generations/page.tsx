import { FolderArchive } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata = { title: "Generations" };

export default function GenerationsPage() {
  return (
    <>
      <PageHeader title="Generations" description="Files generated from templates" />
      <EmptyState icon={FolderArchive} title="Nothing generated yet">
        Every generation — from the dashboard, a task, the SDK or an agent over MCP — is listed here with its template version, format, size and a download link while it lasts.
      </EmptyState>
    </>
  );
}
