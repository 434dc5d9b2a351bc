"use client";
// Live preview: re-renders the editor's sources with sample values shortly after each change.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/client";

export interface PreviewSources {
  files: { path: string; content: string; binary?: boolean }[];
  variables: Record<string, unknown> | null;
  values: Record<string, unknown>;
  instructions: string;
}

export function usePreview(sources: PreviewSources, delayMs = 250) {
  const trpc = useTRPC();
  const preview = useMutation(trpc.templates.preview.mutationOptions());
  const [stale, setStale] = useState(true);
  // The last render without problems, kept on screen while an edit is broken.
  const [lastGood, setLastGood] = useState<typeof preview.data>(undefined);
  const key = JSON.stringify(sources);
  useEffect(() => {
    setStale(true);
    const t = setTimeout(() => {
      if (!sources.files.length) return;
      preview.mutate(
        { files: sources.files, variables: sources.variables ?? undefined, values: sources.values, instructions: sources.instructions || undefined },
        {
          onSuccess: (r) => {
            if (!r.problems.length) setLastGood(r);
          },
          onSettled: () => setStale(false),
        },
      );
    }, delayMs);
    return () => clearTimeout(t);
    // `key` stands for the sources: re-run only when they change.
  }, [key, delayMs]);
  return { result: preview.data, lastGood, error: preview.error, pending: preview.isPending || stale };
}
