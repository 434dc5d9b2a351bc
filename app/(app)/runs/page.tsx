import { Suspense } from "react";
import { RunsList } from "@/components/runs/runs-list";
import { PageHeader } from "@/components/shell/page-header";

export const metadata = { title: "Runs" };

export default function RunsPage() {
  return (
    <>
      <PageHeader title="Runs" description="Durable workflow runs: steps, retries, durations, outputs and errors" />
      <Suspense>
        <RunsList />
      </Suspense>
    </>
  );
}
