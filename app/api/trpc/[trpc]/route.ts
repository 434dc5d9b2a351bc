import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/routers/_app";
import { createContext } from "@/server/trpc/context";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ req: r, resHeaders }) => createContext({ headers: r.headers, resHeaders }),
    responseMeta: ({ errors }) =>
      errors.some((e) => e.code === "UNAUTHORIZED") ? { headers: new Headers({ "www-authenticate": "Bearer" }) } : {},
  });
}

export { handler as GET, handler as POST };
