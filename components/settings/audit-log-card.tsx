"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/relative-time";

export function AuditLogCard() {
  const trpc = useTRPC();
  const q = useInfiniteQuery(
    trpc.orgs.audit.infiniteQueryOptions({ limit: 25 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  if (q.isLoading) return <LoadingRows rows={5} label="Loading audit log" />;
  if (q.error) return <p role="alert" className="text-sm text-danger">{errorMessage(q.error)}</p>;
  if (!rows.length) {
    return (
      <EmptyState icon={ScrollText} title="Nothing recorded yet">
        Sign-ups, invitations, role changes and API keys created or revoked are recorded here.
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-3">
      <Table data-testid="audit-log">
        <thead>
          <tr>
            <Th>When</Th>
            <Th>Who</Th>
            <Th>Action</Th>
            <Th>Details</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <Td className="whitespace-nowrap text-xs">
                <RelativeTime at={r.createdAt} />
              </Td>
              <Td className="text-xs">{r.actorLabel ?? r.actorType}</Td>
              <Td>
                <code className="font-mono text-xs">{r.action}</code>
              </Td>
              <Td className="max-w-md truncate text-xs text-muted-fg">{r.data ? JSON.stringify(r.data) : ""}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {q.hasNextPage ? (
        <Button variant="secondary" onClick={() => q.fetchNextPage()} disabled={q.isFetchingNextPage} className="justify-self-center">
          {q.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </div>
  );
}
