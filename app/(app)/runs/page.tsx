import { Suspense } from "react";
import { RunsList } from "@/components/runs/runs-list";
import { PageHeader } from "@/components/shell/page-header";
import { firstRunsPage } from "@/components/trpc/first-pages";
import { runStatus } from "@/server/schemas/runs";
import { HydrateClient, prefetch, trpcServer } from "@/app/(app)/prefetch";

export const metadata = { title: "Runs" };

export default async function RunsPage({ searchParams }: { searchParams: Promise<{ status?: string; subject?: string }> }) {
  const { status, subject } = await searchParams;
  // The list's filters live in the URL (components/runs/runs-list.tsx reads the same two).
  const parsed = runStatus.safeParse(status);
  await prefetch(trpcServer.runs.list.infiniteQueryOptions(firstRunsPage({ status: parsed.success ? parsed.data : undefined, subjectId: subject || undefined }), { getNextPageParam: (p) => p.nextCursor }));
  return (
    <HydrateClient>
      <PageHeader title="Runs" description="Durable workflow runs: steps, retries, durations, outputs and errors" />
      <Suspense>
        <RunsList />
      </Suspense>
    </HydrateClient>
  );
}
