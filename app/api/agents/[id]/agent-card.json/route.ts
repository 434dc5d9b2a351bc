import { getDb } from "@/server/db";
import { appUrl, env } from "@/server/env";
import { readAgentCard } from "@/server/services/tasks/agent-card";
import { createContext } from "@/server/trpc/context";

export const dynamic = "force-dynamic";

// Public agents' cards are public; others need a key or session of the agent's organization.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewerOrgId = async () => (await createContext({ headers: req.headers }).catch(() => null))?.org?.id ?? null;
  const found = await readAgentCard(await getDb(), id, appUrl(env), viewerOrgId);
  if (!found) return Response.json({ error: "No such agent" }, { status: 404 });
  return Response.json(found.card, { headers: { "cache-control": found.isPublic ? "public, max-age=60" : "private, no-store" } });
}
