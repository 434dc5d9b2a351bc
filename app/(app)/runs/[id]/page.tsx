import { RunTimeline } from "@/components/runs/run-timeline";

export const metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  return <RunTimeline id={(await params).id} />;
}
