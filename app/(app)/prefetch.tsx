import "server-only";
// Pages that arrive with their data (convention 12): a server page awaits the first page of
// what its client component will ask for, through the same tRPC query options, and wraps its
// content in <HydrateClient> so the browser's query cache starts with it — no skeleton, no
// second request. Live updates and later pages continue on the client as before.
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache } from "react";
import { makeQueryClient } from "@/components/trpc/query-client";
import { appRouter } from "@/server/routers/_app";
import { requestContext } from "@/server/trpc/server";

/** One query client per request, shared by every prefetch of the page and its layout. */
export const getQueryClient = cache(makeQueryClient);

export const trpcServer = createTRPCOptionsProxy({ ctx: requestContext, router: appRouter, queryClient: getQueryClient });

/**
 * Awaits each query (a failure is left to the client, which shows it with its own error state),
 * so the HTML holds the data rather than a promise the browser must wait for.
 */
export async function prefetch(...queries: { queryKey: readonly unknown[] }[]): Promise<void> {
  const qc = getQueryClient();
  await Promise.all(queries.map((q) => ("getNextPageParam" in q ? qc.prefetchInfiniteQuery(q as never) : qc.prefetchQuery(q as never))));
}

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
