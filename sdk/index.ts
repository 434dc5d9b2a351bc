// The typed client for Cloud MCP Platform: every procedure of the API, with its input and output
// types, over HTTP with an API key. Subscriptions (live task events) stream over SSE.
//
// Published as @cloud-mcp/sdk (README.md beside this file; `npm run build -w @cloud-mcp/sdk`).
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { EventSource } from "eventsource";
import superjson from "superjson";
import type { AppRouter } from "./router";

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export interface ClientOptions {
  /** The platform's base URL, e.g. https://cmp.example.com */
  url: string;
  /** An API key (cmp_…) from Settings → API keys. */
  apiKey: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
}

export function createClient(opts: ClientOptions) {
  const base = opts.url.replace(/\/+$/, "");
  const authorization = `Bearer ${opts.apiKey}`;
  const doFetch = opts.fetch ?? fetch;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: `${base}/api/trpc`,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input: string | URL | Request, init?: RequestInit) =>
              doFetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization } }),
          }),
        }),
        false: httpBatchLink({ url: `${base}/api/trpc`, transformer: superjson, fetch: doFetch, headers: () => ({ authorization }), maxItems: 20 }),
      }),
    ],
  });
}

export type CloudMcpClient = ReturnType<typeof createClient>;

/** A readable message for an SDK error, naming the fields when the input was refused. */
export function describeClientError(err: unknown): string {
  if (err instanceof TRPCClientError) {
    const data = err.data as { code?: string; fields?: { path: string; message: string }[] } | undefined;
    // Field details the message does not already say (it often is the first field's own words).
    const extra = (data?.fields ?? []).map((f) => `${f.path}: ${f.message}`).filter((f) => !err.message.includes(f));
    const fields = extra.length ? ` (${extra.join("; ")})` : "";
    return `${data?.code ?? "ERROR"}: ${err.message}${fields}`;
  }
  return err instanceof Error ? err.message : String(err);
}

export { TRPCClientError };
