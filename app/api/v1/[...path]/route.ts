import { traceRequest } from "@/server/adapters/tracing";
import { handleV1Request } from "@/server/rest/handler";

export const dynamic = "force-dynamic";

async function handler(req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  return traceRequest("/api/v1/", (r) => handleV1Request(r, `/${path.map(encodeURIComponent).join("/")}`))(req);
}

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
