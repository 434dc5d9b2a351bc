import { traceRequest } from "@/server/adapters/tracing";
import { handleMcpRequest } from "@/server/mcp/http";

export const dynamic = "force-dynamic";

const handler = traceRequest("/api/mcp", (req: Request) => handleMcpRequest(req));
export { handler as DELETE, handler as GET, handler as POST };
