import { handleV1Request } from "@/server/rest/handler";

export const dynamic = "force-dynamic";

async function handler(req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  return handleV1Request(req, `/${path.map(encodeURIComponent).join("/")}`);
}

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
