"use client";
// The task list: filters by state and text, live status and progress for every row.
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { ListChecks, Search } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { LoadMore } from "@/components/ui/load-more";
import { LoadingRows } from "@/components/ui/skeleton";
import { TabList } from "@/components/ui/tab-list";
import { Table, Td, Th } from "@/components/ui/table";
import { firstTasksPage } from "@/components/trpc/first-pages";
import type { TaskOutput } from "@/server/schemas/tasks";
import { CreateTaskDialog } from "./create-task-dialog";
import { Priority, ProgressBar, TaskStatus } from "./task-status";
import { useLiveTasks } from "./use-live-tasks";
import { RelativeTime } from "@/components/ui/relative-time";

const views: { id: string; label: string; status?: TaskOutput["status"][]; sort: "newest" | "queue" }[] = [
  { id: "all", label: "All", sort: "newest" },
  { id: "active", label: "In progress", status: ["assigned", "running"], sort: "newest" },
  { id: "queue", label: "Queue", status: ["queued"], sort: "queue" },
  { id: "blocked", label: "Blocked", status: ["blocked", "pending"], sort: "newest" },
  { id: "done", label: "Succeeded", status: ["succeeded"], sort: "newest" },
  { id: "failed", label: "Failed", status: ["failed", "cancelled"], sort: "newest" },
];

export function TasksTable() {
  const trpc = useTRPC();
  const [view, setView] = useState(views[0]!);
  const [query, setQuery] = useState("");
  const q = useDeferredValue(query.trim());
  useLiveTasks();
  const list = useInfiniteQuery({
    ...trpc.tasks.list.infiniteQueryOptions({ ...firstTasksPage, status: view.status, sort: view.sort, query: q || undefined }, { getNextPageParam: (p) => p.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <TabList label="Task state" tabs={views} value={view.id} onChange={(id) => setView(views.find((v) => v.id === id)!)} />
        <div className="relative min-w-56 flex-1">
          <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-fg" aria-hidden />
          <Input aria-label="Search tasks" placeholder="Search tasks" className="pl-8" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
      </div>
      {list.isLoading ? (
        <LoadingRows label="Loading tasks" rows={5} />
      ) : list.error ? (
        <FormError message={errorMessage(list.error)} />
      ) : items.length === 0 ? (
        <EmptyState icon={ListChecks} title={q || view.id !== "all" ? "No task here" : "No tasks yet"} action={view.id === "all" && !q ? <CreateTaskDialog /> : undefined}>
          {q || view.id !== "all"
            ? "Nothing matches this filter."
            : "Tasks you create here, through the SDK, the CLI or the MCP endpoint appear in this table with their status, priority, assigned agent and live progress."}
        </EmptyState>
      ) : (
        <>
          <Table data-testid="tasks">
            <thead>
              <tr>
                <Th>Task</Th>
                <Th>Status</Th>
                <Th>Priority</Th>
                <Th>Agent</Th>
                <Th className="w-40">Progress</Th>
                <Th>Created</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id} data-testid={`task-row-${t.title}`}>
                  <Td className="max-w-md">
                    <Link href={`/tasks/${t.id}`} className="font-medium hover:underline">
                      {t.title}
                    </Link>
                    <div className="truncate text-xs text-muted-fg">
                      {t.status === "blocked" ? t.blockedReason : t.status === "queued" && t.match ? t.match.reasons[0] : t.requiredCapabilities.join(", ")}
                    </div>
                  </Td>
                  <Td>
                    <TaskStatus status={t.status} />
                  </Td>
                  <Td>
                    <Priority value={t.priority} />
                  </Td>
                  <Td className="text-sm">{t.agentName ?? <span className="text-muted-fg">—</span>}</Td>
                  <Td>
                    <ProgressBar value={t.progress} live={t.status === "running"} label={`${t.title} progress`} message={t.progressMessage} />
                  </Td>
                  <Td className="whitespace-nowrap text-xs">
                    <RelativeTime at={t.createdAt} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMore query={list} />
        </>
      )}
    </div>
  );
}
