"use client";
// Live task updates over SSE (a tRPC subscription): progress lands in the cached task at once;
// lists and timelines refresh, at most a few times a second, and once more when the stream opens.
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useRef } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { TaskOutput } from "@/server/schemas/tasks";

export function useLiveTasks(taskId?: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  return useSubscription(
    trpc.tasks.watch.subscriptionOptions(taskId ? { taskId } : {}, {
      // What changed between the page's first read and the stream opening (an agent claiming the
      // task at once) sent no event this page heard: read once more when it opens (and reopens).
      onStarted: () => void qc.invalidateQueries({ queryKey: trpc.tasks.pathKey() }),
      onData: (s) => {
        qc.setQueryData(trpc.tasks.get.queryKey({ id: s.taskId }), (old: TaskOutput | undefined) =>
          old ? { ...old, status: s.status as TaskOutput["status"], progress: s.progress, progressMessage: s.message ?? old.progressMessage } : old,
        );
        if (pending.current) return;
        pending.current = setTimeout(() => {
          pending.current = null;
          void qc.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
        }, 250);
      },
    }),
  );
}
