import { serviceDeps } from "@/server/deps";
import { serveGit } from "@/server/services/filegen/downloads";

export const dynamic = "force-dynamic";

// Dumb-HTTP Git: `git clone <cloneUrl>` fetches info/refs, HEAD and loose objects from here.
export async function GET(_req: Request, { params }: { params: Promise<{ token: string; path: string[] }> }) {
  const { token, path } = await params;
  return serveGit(await serviceDeps(), token, path);
}
