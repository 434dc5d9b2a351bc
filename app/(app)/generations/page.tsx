import { PageHeader } from "@/components/shell/page-header";
import { GenerationsList } from "@/components/templates/generations-list";

export const metadata = { title: "Generations" };

export default function GenerationsPage() {
  return (
    <>
      <PageHeader title="Generations" description="Files generated from templates, newest first" />
      <GenerationsList />
    </>
  );
}
