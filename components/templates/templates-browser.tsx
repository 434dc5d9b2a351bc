"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { FileCode2, GitFork, Search, Star } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import { TabList } from "@/components/ui/tab-list";
import { firstTemplatesPage } from "@/components/trpc/first-pages";

const scopes = [
  { id: "all", label: "All" },
  { id: "mine", label: "My organization" },
  { id: "public", label: "Public" },
] as const;

/** Every template you can see, or (`market`) only the public ones of every organization. */
export function TemplatesBrowser({ market = false }: { market?: boolean }) {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const [chosenScope, setScope] = useState<(typeof scopes)[number]["id"]>("all");
  const scope = market ? "public" : chosenScope;
  const [tag, setTag] = useState<string | null>(null);
  const q = useDeferredValue(query);
  const list = useQuery({
    ...trpc.templates.search.queryOptions({ ...firstTemplatesPage(scope), query: q || undefined, tags: tag ? [tag] : undefined }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const tags = [...new Set(items.flatMap((t) => t.tags))].sort();
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <div className="relative min-w-64 flex-1">
          <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-fg" aria-hidden />
          <Input aria-label="Search templates" placeholder="Search templates: name, description, tags" className="pl-8" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        {market ? null : <TabList label="Whose templates" tabs={scopes} value={chosenScope} onChange={setScope} />}
      </div>
      {tags.length || tag ? (
        <div className="flex flex-wrap gap-1.5" aria-label="Filter by tag">
          {(tag ? [tag] : tags).map((t) => (
            <button key={t} onClick={() => setTag(tag === t ? null : t)} aria-pressed={tag === t} className={cn("rounded-full border px-2.5 py-0.5 text-xs", tag === t ? "border-primary bg-primary text-primary-fg" : "border-border bg-card hover:bg-muted")}>
              #{t}
              {tag === t ? " ×" : ""}
            </button>
          ))}
        </div>
      ) : null}
      {list.isLoading ? (
        <div role="status" aria-label="Loading templates" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-36" />
          ))}
        </div>
      ) : list.error ? (
        <FormError message={errorMessage(list.error)} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={FileCode2}
          title={q || tag ? "No template matches" : market ? "Nothing published yet" : "No templates yet"}
          action={
            <Button asChild>
              <Link href="/templates/new">New template</Link>
            </Button>
          }
        >
          {q || tag
            ? "Try other words, another tag, or look among public templates."
            : market
            ? "Templates made public by any organization appear here. Make one of yours public from its page to list it."
            : "Templates turn variables into files, delivered as a JSON file list, a ZIP or a Git repository with instructions. Write one in the editor with a live preview, or fork a public one."}
        </EmptyState>
      ) : (
        <ul className={cn("grid gap-3 sm:grid-cols-2 xl:grid-cols-3", list.isFetching && "opacity-70")} data-testid="templates">
          {items.map((t) => (
            <li key={t.id}>
              <Card className="flex h-full flex-col p-4 transition-colors hover:border-primary/60">
                <div className="flex items-start justify-between gap-2">
                  <Link href={`/templates/${t.id}`} className="font-medium hover:underline">
                    {t.name}
                  </Link>
                  <Badge tone={t.visibility === "public" ? "info" : "neutral"}>{t.visibility === "organization" ? "org" : t.visibility}</Badge>
                </div>
                <p className="mt-1 line-clamp-2 flex-1 text-sm text-muted-fg">{t.description || "No description."}</p>
                <div className="mt-3 flex flex-wrap gap-1">
                  {t.tags.slice(0, 5).map((x) => (
                    <span key={x} className="rounded bg-muted px-1.5 py-0.5 text-[11px] text-muted-fg">
                      #{x}
                    </span>
                  ))}
                </div>
                <div className="mt-3 flex items-center gap-3 text-xs text-muted-fg">
                  <span className="font-mono">v{t.latestVersion}</span>
                  <span>{t.usageCount === 1 ? "1 use" : `${t.usageCount} uses`}</span>
                  {market || t.priceCredits ? <span className={t.priceCredits ? "font-medium text-amber-700 dark:text-amber-300" : undefined}>{t.priceCredits ? `${t.priceCredits.toLocaleString()} credits` : "free"}</span> : null}
                  {t.stars ? (
                    <span className="inline-flex items-center gap-0.5">
                      <Star className="size-3" aria-hidden />
                      {t.stars}
                    </span>
                  ) : null}
                  {t.forkedFromTemplateId ? (
                    <span className="inline-flex items-center gap-0.5">
                      <GitFork className="size-3" aria-hidden /> fork
                    </span>
                  ) : null}
                  <span className="ml-auto truncate">{t.owned ? (market ? "yours" : null) : t.publisher ? `by ${t.publisher}` : "shared"}</span>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
