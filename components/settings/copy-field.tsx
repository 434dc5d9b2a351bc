"use client";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** Copies a value, then shows a check for a moment; labelled for screen readers and tests. */
export function CopyButton({ value, label = "Copy", className, testId }: { value: string; label?: string; className?: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      size="icon"
      aria-label={copied ? "Copied" : label}
      title={copied ? "Copied" : label}
      data-testid={testId}
      className={className}
      onClick={async () => {
        await navigator.clipboard?.writeText(value).catch(() => {});
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? <Check /> : <Copy />}
    </Button>
  );
}

export function CopyField({ value, testId }: { value: string; testId?: string }) {
  return (
    <div className="flex items-center gap-2">
      <code data-testid={testId} className="min-w-0 flex-1 break-all rounded-md border border-border bg-muted px-3 py-2 font-mono text-xs">
        {value}
      </code>
      <CopyButton value={value} testId={testId ? `${testId}-copy` : undefined} />
    </div>
  );
}

/** A multi-line snippet with its copy button in the corner. */
export function CopyBlock({ value, testId, label = "Copy", className }: { value: string; testId?: string; label?: string; className?: string }) {
  return (
    <div className={cn("relative min-w-0", className)}>
      <pre data-testid={testId} className="overflow-x-auto rounded-md border border-border bg-muted p-3 pr-12 font-mono text-xs leading-relaxed">
        {value}
      </pre>
      <CopyButton value={value} label={label} testId={testId ? `${testId}-copy` : undefined} className="absolute right-1.5 top-1.5 h-8 w-8" />
    </div>
  );
}
