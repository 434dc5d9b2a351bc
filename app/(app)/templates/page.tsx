import { Plus } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { TemplatesBrowser } from "@/components/templates/templates-browser";
import { Button } from "@/components/ui/button";
import { firstTemplatesPage } from "@/components/trpc/first-pages";
import { HydrateClient, prefetch, trpcServer } from "@/app/(app)/prefetch";

export const metadata = { title: "Templates" };

export default async function TemplatesPage() {
  await prefetch(trpcServer.templates.search.queryOptions(firstTemplatesPage("all")));
  return (
    <HydrateClient>
      <PageHeader
        title="Templates"
        description="Versioned Liquid templates that generate files as JSON, a ZIP or a Git repository"
        actions={
          <Button asChild>
            <Link href="/templates/new">
              <Plus /> New template
            </Link>
          </Button>
        }
      />
      <TemplatesBrowser />
    </HydrateClient>
  );
}
