"use client";
// The editor's file list: select, add, rename and delete template files.
import { FilePlus, FileText, Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export function FileTree({
  paths,
  selected,
  broken,
  onSelect,
  onAdd,
  onRename,
  onDelete,
}: {
  paths: string[];
  selected: number;
  broken: Set<string>;
  onSelect: (i: number) => void;
  onAdd: () => void;
  onRename: (i: number, path: string) => void;
  onDelete: (i: number) => void;
}) {
  const [renaming, setRenaming] = useState<number | null>(null);
  const [draft, setDraft] = useState("");
  const commit = () => {
    if (renaming !== null && draft.trim()) onRename(renaming, draft.trim());
    setRenaming(null);
  };
  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] content-start gap-1" aria-label="Template files">
      <div className="flex items-center justify-between px-1 pb-1">
        <span className="text-xs font-semibold uppercase tracking-wide text-muted-fg">Files</span>
        <Button variant="ghost" size="sm" onClick={onAdd} aria-label="Add file" data-testid="add-file">
          <FilePlus />
        </Button>
      </div>
      <ul className="grid grid-cols-[minmax(0,1fr)] gap-0.5">
        {paths.map((p, i) => (
          <li key={`${i}-${p}`}>
            {renaming === i ? (
              <input
                autoFocus
                aria-label="File path"
                className="w-full rounded border border-primary bg-card px-2 py-1 font-mono text-xs outline-none"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                onBlur={commit}
                onKeyDown={(e) => {
                  if (e.key === "Enter") commit();
                  if (e.key === "Escape") setRenaming(null);
                }}
              />
            ) : (
              <div className={cn("group flex items-center gap-1 rounded px-1.5 py-1", selected === i ? "bg-muted" : "hover:bg-muted/60")}>
                <button className="flex min-w-0 flex-1 items-center gap-1.5 text-left" onClick={() => onSelect(i)} aria-current={selected === i}>
                  <FileText className={cn("size-3.5 shrink-0", broken.has(p) ? "text-danger" : "text-muted-fg")} aria-hidden />
                  <span className={cn("truncate font-mono text-xs", broken.has(p) && "text-danger")} title={p}>
                    {p}
                  </span>
                </button>
                <button
                  className="rounded p-0.5 text-muted-fg opacity-0 hover:text-fg group-hover:opacity-100 focus:opacity-100"
                  aria-label={`Rename ${p}`}
                  onClick={() => {
                    setDraft(p);
                    setRenaming(i);
                  }}
                >
                  <Pencil className="size-3" />
                </button>
                <button
                  className="rounded p-0.5 text-muted-fg opacity-0 hover:text-danger group-hover:opacity-100 focus:opacity-100 disabled:hidden"
                  aria-label={`Delete ${p}`}
                  disabled={paths.length === 1}
                  onClick={() => onDelete(i)}
                >
                  <Trash2 className="size-3" />
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <p className="px-1 pt-2 text-[11px] leading-snug text-muted-fg">
        Paths are Liquid too: <code className="font-mono">{"{{ name }}/index.ts"}</code>. A path that renders empty skips the file.
      </p>
    </div>
  );
}
