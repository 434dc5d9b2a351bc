import { serviceDeps } from "@/server/deps";
import { serveDownload } from "@/server/services/filegen/downloads";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  return serveDownload(await serviceDeps(), (await params).token);
}
