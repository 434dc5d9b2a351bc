"use client";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState } from "react";
import superjson from "superjson";
import { moreCreditsHint } from "@/components/credits/more-credits";
import type { AppRouter } from "@/server/routers/_app";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/api/trpc", transformer: superjson }),
          false: httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: 20 }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** The message of a tRPC error for display; a shortage of credits also says how to get more. */
export function errorMessage(err: unknown): string {
  if (!err) return "";
  const e = err as { message?: string; data?: { code?: string } };
  const message = e.message ?? "Something went wrong";
  return e.data?.code === "PAYMENT_REQUIRED" ? `${message} ${moreCreditsHint}` : message;
}

/** Every field error of a tRPC error (empty when there is none). */
export function fieldErrors(err: unknown): { path: string; message: string }[] {
  return (err as { data?: { fields?: { path: string; message: string }[] } } | null)?.data?.fields ?? [];
}

export function fieldError(err: unknown, path: string): string | null {
  const e = err as { data?: { fields?: { path: string; message: string }[] } } | null;
  return e?.data?.fields?.find((f) => f.path === path)?.message ?? null;
}
