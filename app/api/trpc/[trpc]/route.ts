import { traceRequest } from "@/server/adapters/tracing";
import { handleTrpcRequest } from "@/server/trpc/http";

export const dynamic = "force-dynamic";

const handler = traceRequest("/api/trpc/", (req: Request) => handleTrpcRequest(req));

export { handler as GET, handler as POST };
