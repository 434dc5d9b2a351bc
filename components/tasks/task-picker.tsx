"use client";
// "Waits for": pick the tasks a new task depends on by searching the open ones (not yet ended),
// as chips that can be removed — instead of a multi-select listing every task there is.
import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Input } from "@/components/ui/input";

const openStatuses = ["pending", "blocked", "queued", "assigned", "running"] as const;

export interface PickedTask {
  id: string;
  title: string;
}

export function TaskPicker({ id, value, onChange, enabled }: { id: string; value: PickedTask[]; onChange: (tasks: PickedTask[]) => void; enabled: boolean }) {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const q = useDeferredValue(query.trim());
  const found = useQuery({ ...trpc.tasks.list.queryOptions({ status: [...openStatuses], query: q || undefined, limit: 8, sort: "newest" }), enabled });
  const choices = (found.data?.items ?? []).filter((t) => !value.some((v) => v.id === t.id));
  return (
    <div className="grid gap-2">
      {value.length ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Waits for these tasks">
          {value.map((t) => (
            <li key={t.id} className="inline-flex max-w-full items-center gap-1 rounded-full bg-muted py-0.5 pl-2.5 pr-1 text-xs">
              <span className="truncate">{t.title}</span>
              <button type="button" className="rounded-full p-0.5 hover:bg-border" aria-label={`Remove ${t.title}`} onClick={() => onChange(value.filter((v) => v.id !== t.id))}>
                <X className="size-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Input id={id} value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search open tasks by title" autoComplete="off" />
      {enabled && (q || choices.length) ? (
        <ul className="grid max-h-40 min-w-0 gap-0.5 overflow-y-auto rounded-md border border-border p-1" data-testid="task-picker-results">
          {choices.length ? (
            choices.map((t) => (
              <li key={t.id} className="min-w-0">
                <button type="button" className="flex w-full min-w-0 items-center justify-between gap-2 rounded px-2 py-1 text-left text-sm hover:bg-muted" onClick={() => (onChange([...value, { id: t.id, title: t.title }]), setQuery(""))}>
                  <span className="min-w-0 truncate">{t.title}</span>
                  <span className="shrink-0 text-xs text-muted-fg">{t.status}</span>
                </button>
              </li>
            ))
          ) : (
            <li className="px-2 py-1 text-sm text-muted-fg">{found.isLoading ? "Searching…" : `No open task matches “${q}”`}</li>
          )}
        </ul>
      ) : null}
    </div>
  );
}
