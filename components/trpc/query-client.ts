import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

const FINAL = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST", "PAYMENT_REQUIRED", "UNPROCESSABLE_CONTENT"]);

/** One query-client factory for the server (prefetch + dehydrate) and the browser. */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // An answer that will not change on retry (missing, forbidden, malformed) shows at once.
      queries: { staleTime: 15_000, retry: (count, err) => count < 2 && !FINAL.has((err as { data?: { code?: string } } | null)?.data?.code ?? "") },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (q) => defaultShouldDehydrateQuery(q) || q.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
