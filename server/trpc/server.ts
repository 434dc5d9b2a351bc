import "server-only";
// Server components call procedures through this caller, with the request's own context.
import { headers } from "next/headers";
import { cache } from "react";
import { appRouter } from "@/server/routers/_app";
import { createContext } from "./context";
import { createCallerFactory } from "./init";

const createCaller = createCallerFactory(appRouter);

export const serverCaller = cache(async () => createCaller(await createContext({ headers: new Headers(await headers()) })));
