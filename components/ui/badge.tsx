import { cva, type VariantProps } from "class-variance-authority";
import type * as React from "react";
import { cn } from "./cn";

const badgeVariants = cva("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium", {
  variants: {
    tone: {
      neutral: "bg-muted text-muted-fg",
      info: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
      success: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
      warning: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
      danger: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export function Badge({ className, tone, ...props }: React.HTMLAttributes<HTMLSpanElement> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
