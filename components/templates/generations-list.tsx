"use client";
// Generation history: template, version, format, status, size and time; open one to download,
// clone or browse it again (links are re-signed on each read).
import { useInfiniteQuery } from "@tanstack/react-query";
import { FolderArchive } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { LoadMore } from "@/components/ui/load-more";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import type { GenerationOutput } from "@/server/schemas/filegen";
import { formatBytes, GenerationResult, statusTone } from "./generation-result";
import { RelativeTime } from "@/components/ui/relative-time";

export function GenerationsList() {
  const trpc = useTRPC();
  const [open, setOpen] = useState<GenerationOutput | null>(null);
  const list = useInfiniteQuery(
    trpc.generations.list.infiniteQueryOptions(
      { limit: 25 },
      { getNextPageParam: (p) => p.nextCursor, refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((g) => g.status === "queued" || g.status === "running")) ? 1000 : false) },
    ),
  );
  if (list.isLoading) return <LoadingRows label="Loading generations" rows={5} />;
  if (list.error) return <FormError message={errorMessage(list.error)} />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (!items.length) {
    return (
      <EmptyState
        icon={FolderArchive}
        title="Nothing generated yet"
        action={
          <Button asChild>
            <Link href="/templates">Browse templates</Link>
          </Button>
        }
      >
        Every generation — from the dashboard, a task, the SDK or an agent over MCP — is listed here with its template version, format, size and a fresh download link.
      </EmptyState>
    );
  }
  return (
    <>
      <Table data-testid="generations">
        <thead>
          <tr>
            <Th>Template</Th>
            <Th>Format</Th>
            <Th>Status</Th>
            <Th>Files</Th>
            <Th>Size</Th>
            <Th>Time</Th>
            <Th>Created</Th>
            <Th>
              <span className="sr-only">Open</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {items.map((g) => (
            <tr key={g.id}>
              <Td>
                <Link href={`/templates/${g.templateId}`} className="font-medium hover:underline">
                  {g.templateName}
                </Link>{" "}
                <span className="font-mono text-xs text-muted-fg">v{g.version}</span>
              </Td>
              <Td className="uppercase text-xs">{g.format}</Td>
              <Td>
                <Badge tone={statusTone[g.status]}>{g.status}</Badge> {g.reused ? <Badge>reused</Badge> : null}
              </Td>
              <Td>{g.fileCount ?? "—"}</Td>
              <Td className="whitespace-nowrap">{formatBytes(g.bytes)}</Td>
              <Td className="whitespace-nowrap">{g.durationMs === null ? "—" : `${g.durationMs} ms`}</Td>
              <Td className="whitespace-nowrap text-xs">
                <RelativeTime at={g.createdAt} />
              </Td>
              <Td className="text-right">
                <Button variant="ghost" size="sm" onClick={() => setOpen(g)}>
                  Open
                </Button>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <LoadMore query={list} />
      <Dialog open={Boolean(open)} onOpenChange={(o) => !o && setOpen(null)}>
        {open ? (
          <DialogContent title="Generation" description={`${open.format.toUpperCase()} · ${open.createdAt.toLocaleString()}`} className="max-w-xl">
            <GenerationResult key={open.id} initial={open} refetch />
          </DialogContent>
        ) : null}
      </Dialog>
    </>
  );
}
