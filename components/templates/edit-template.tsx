"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { FormError } from "@/components/ui/form-error";
import { LoadingRows } from "@/components/ui/skeleton";
import { TemplateEditor } from "./template-editor";

export function EditTemplate({ id }: { id: string }) {
  const trpc = useTRPC();
  const t = useQuery(trpc.templates.get.queryOptions({ id }));
  if (t.isLoading) return <LoadingRows label="Loading template" rows={6} />;
  if (t.error || !t.data) return <FormError message={errorMessage(t.error) || "Template not found"} />;
  if (!t.data.owned) return <FormError message="This template belongs to another organization: fork it to edit a copy." />;
  const v = t.data.version;
  return (
    <>
      <PageHeader
        title={`Edit ${t.data.name}`}
        description={`Starting from version ${v.version}; publishing makes a new immutable version.`}
        actions={
          <Link href={`/templates/${t.data.id}`} className="text-sm text-muted-fg hover:underline">
            Back to template
          </Link>
        }
      />
      <TemplateEditor
        initial={{ files: v.files.map(({ path, content, binary }) => ({ path, content: content ?? "", binary })), variables: v.variables, instructions: v.instructions }}
        template={{ id: t.data.id, name: t.data.name, latestVersion: t.data.latestVersion }}
      />
    </>
  );
}
