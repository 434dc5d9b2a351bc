import "server-only";
// Server components call procedures through this caller, with the request's own context, and
// prefetch queries for the client through `trpcServer` (server/trpc/prefetch.tsx hydrates them).
import { headers } from "next/headers";
import { cache } from "react";
import { appRouter } from "@/server/routers/_app";
import { createContext } from "./context";
import { createCallerFactory } from "./init";

const createCaller = createCallerFactory(appRouter);

/** The request's context, made once per request however many callers and prefetches use it. */
export const requestContext = cache(async () => createContext({ headers: new Headers(await headers()) }));

export const serverCaller = cache(async () => createCaller(await requestContext()));
