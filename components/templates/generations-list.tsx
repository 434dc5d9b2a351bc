"use client";
// Generation history: template, version, format, status, size and time; open one to download,
// clone or browse it again (links are re-signed on each read).
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { FolderArchive } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { LoadMore } from "@/components/ui/load-more";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import type { GenerationOutput } from "@/server/schemas/filegen";
import { formatBytes, GenerationResult, statusTone } from "./generation-result";
import { RelativeTime } from "@/components/ui/relative-time";
import { firstGenerationsPage } from "@/components/trpc/first-pages";

/** Columns only wide screens show. */
const wide = "hidden sm:table-cell";

export function GenerationsList() {
  const trpc = useTRPC();
  const [open, setOpen] = useState<GenerationOutput | null>(null);
  // `?open=<id>` (a run's link) opens that generation.
  const router = useRouter();
  const linkedId = useSearchParams().get("open");
  const linked = useQuery({ ...trpc.generations.get.queryOptions({ id: linkedId ?? "" }), enabled: Boolean(linkedId) });
  const shown = open ?? (linkedId ? (linked.data ?? null) : null);
  const list = useInfiniteQuery(
    trpc.generations.list.infiniteQueryOptions(
      firstGenerationsPage,
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
            <Th className={wide}>Format</Th>
            <Th>Status</Th>
            <Th className={wide}>Files</Th>
            <Th className={wide}>Size</Th>
            <Th className={wide}>Time</Th>
            <Th className={wide}>Created</Th>
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
                {/* On a phone the other columns fold into this line, so Open stays on screen. */}
                <div className="mt-0.5 text-xs text-muted-fg sm:hidden">
                  <span className="uppercase">{g.format}</span> · {g.fileCount ?? "—"} files · {formatBytes(g.bytes)} · <RelativeTime at={g.createdAt} />
                </div>
              </Td>
              <Td className={cn(wide, "uppercase text-xs")}>{g.format}</Td>
              <Td>
                <span className="flex flex-wrap gap-1">
                  <Badge tone={statusTone[g.status]}>{g.status}</Badge> {g.reused ? <Badge>reused</Badge> : null}
                </span>
              </Td>
              <Td className={wide}>{g.fileCount ?? "—"}</Td>
              <Td className={cn(wide, "whitespace-nowrap")}>{formatBytes(g.bytes)}</Td>
              <Td className={cn(wide, "whitespace-nowrap")}>{g.durationMs === null ? "—" : `${g.durationMs} ms`}</Td>
              <Td className={cn(wide, "whitespace-nowrap text-xs")}>
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
      <Dialog
        open={Boolean(shown)}
        onOpenChange={(o) => {
          if (o) return;
          setOpen(null);
          if (linkedId) router.replace("/generations");
        }}
      >
        {shown ? (
          <DialogContent title="Generation" description={`${shown.format.toUpperCase()} · ${shown.createdAt.toLocaleString()}`} className="max-w-xl">
            <GenerationResult key={shown.id} initial={shown} refetch />
          </DialogContent>
        ) : null}
      </Dialog>
    </>
  );
}
