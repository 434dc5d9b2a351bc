import { and, eq } from "drizzle-orm";
import { agents, organizations } from "@/db/schema";
import { getDb } from "@/server/db";
import { appUrl, env } from "@/server/env";
import { agentCard } from "@/server/services/tasks/agent-card";
import { createContext } from "@/server/trpc/context";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => Response.json({ error: "No such agent" }, { status: 404 });

// Public agents' cards are public; others need a key or session of the agent's organization.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return notFound();
  const db = await getDb();
  const [row] = await db.select({ a: agents, orgName: organizations.name }).from(agents).innerJoin(organizations, eq(organizations.id, agents.organizationId)).where(and(eq(agents.id, id)));
  if (!row) return notFound();
  if (row.a.sharing !== "public") {
    const ctx = await createContext({ headers: req.headers }).catch(() => null);
    if (!ctx?.org || ctx.org.id !== row.a.organizationId) return notFound();
  }
  return Response.json(agentCard(row.a, appUrl(env), row.orgName), { headers: { "cache-control": row.a.sharing === "public" ? "public, max-age=60" : "private, no-store" } });
}
