import { appUrl, env } from "@/server/env";
import { handleRestRequest } from "@/server/rest/handler";
import { openApiDocument } from "@/server/rest/openapi";

export const dynamic = "force-dynamic";

async function handler(req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  const joined = `/${path.map(encodeURIComponent).join("/")}`;
  if (req.method === "GET" && joined === "/openapi.json") {
    return Response.json(openApiDocument(`${appUrl(env)}/api/v1`), { headers: { "cache-control": "public, max-age=60" } });
  }
  return handleRestRequest(req, joined);
}

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
