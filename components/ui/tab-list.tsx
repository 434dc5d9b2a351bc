import type * as React from "react";
import { cn } from "./cn";

/** A row of segmented tabs: one is selected, a click selects another. */
export function TabList<T extends string>({
  label,
  tabs,
  value,
  onChange,
  className,
}: {
  label: string;
  tabs: readonly { id: T; label: React.ReactNode }[];
  value: T;
  onChange: (id: T) => void;
  className?: string;
}) {
  return (
    <div role="tablist" aria-label={label} className={cn("flex w-fit flex-wrap rounded-md border border-border bg-card p-0.5", className)}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={value === t.id}
          onClick={() => onChange(t.id)}
          className={cn("inline-flex items-center gap-1.5 rounded px-3 py-1 text-sm", value === t.id ? "bg-muted font-medium" : "text-muted-fg hover:text-fg")}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
