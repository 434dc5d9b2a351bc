"use client";
// Creating a task from the dashboard: every task list and the credit balance read again (a task
// may hold credits once an agent takes it), then the new task's page opens.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";

export function useCreateTask(onCreated: () => void) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  return useMutation(
    trpc.tasks.create.mutationOptions({
      onSuccess: async (t) => {
        await Promise.all([qc.invalidateQueries({ queryKey: trpc.tasks.pathKey() }), qc.invalidateQueries({ queryKey: trpc.credits.pathKey() })]);
        onCreated();
        router.push(`/tasks/${t.id}`);
      },
    }),
  );
}
