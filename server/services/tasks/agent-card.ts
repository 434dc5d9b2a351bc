import "server-only";
// A2A Agent Cards: every agent is published as one, and an agent can be imported from one (its
// skills become capabilities; its URL the webhook the platform posts tasks to).
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { type Agent, agents, organizations } from "@/db/schema";
import { safeFetch } from "@/server/adapters/http/safe-fetch";
import { AppError } from "@/server/errors";
import { isUuid } from "@/server/schemas/common";
import type { ServiceContext } from "../context";
import { registerAgent } from "./agents";
import { assertDeliverableUrl } from "./webhook";

export function agentCard(a: Agent, baseUrl: string, orgName: string) {
  return {
    protocolVersion: "0.3.0",
    name: a.name,
    description: a.description || `${a.name}: an agent on Cloud MCP Platform offering ${a.capabilities.join(", ")}`,
    url: `${baseUrl}/api/mcp`,
    preferredTransport: "JSONRPC",
    version: "1.0.0",
    provider: { organization: orgName, url: baseUrl },
    capabilities: { streaming: true, pushNotifications: a.kind === "webhook", stateTransitionHistory: true },
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A Cloud MCP Platform API key (cmp_…)" } },
    security: [{ bearer: [] }],
    defaultInputModes: ["application/json", "text/plain"],
    defaultOutputModes: ["application/json"],
    skills: a.capabilities.map((c) => ({ id: c, name: c, description: `Tasks requiring ${c}`, tags: c.split(/[:/._-]/).filter(Boolean) })),
  };
}

/**
 * The published card of agent `id`: a public agent's to anyone, any other only to its own
 * organization (`viewerOrgId`, asked only then: it authenticates the request). Null for a
 * malformed id, a missing agent and one the viewer may not see alike.
 */
export async function readAgentCard(db: DbOrTx, id: string, baseUrl: string, viewerOrgId: () => Promise<string | null>) {
  if (!isUuid(id)) return null;
  const [row] = await db.select({ a: agents, orgName: organizations.name }).from(agents).innerJoin(organizations, eq(organizations.id, agents.organizationId)).where(eq(agents.id, id));
  if (!row) return null;
  const isPublic = row.a.sharing === "public";
  if (!isPublic && (await viewerOrgId()) !== row.a.organizationId) return null;
  return { card: agentCard(row.a, baseUrl, row.orgName), isPublic };
}

/** An agent card is a small JSON document; more than this is refused while reading. */
const MAX_CARD_BYTES = 256 * 1024;

const cardSchema = z.object({
  name: z.string().min(1).max(80),
  description: z.string().max(2000).optional(),
  url: z.url(),
  skills: z.array(z.object({ id: z.string().max(64), tags: z.array(z.string()).optional() })).max(64).default([]),
});

const toCapability = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9:._/-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64);

export async function importAgentCard(ctx: ServiceContext, input: { url: string; allowPrivateUrls: boolean }) {
  await assertDeliverableUrl(input.url, { allowPrivate: input.allowPrivateUrls, field: "url" });
  let raw: unknown;
  try {
    const res = await safeFetch(input.url, { headers: { accept: "application/json" }, readBody: true }, { allowPrivate: input.allowPrivateUrls, field: "url", maxBytes: MAX_CARD_BYTES });
    // Our words only: JSON.parse's message quotes the body, which may be an internal page.
    const unreadable = (why: string) => new AppError("BAD_REQUEST", `url: could not read an agent card there (${why})`, { fields: [{ path: "url", message: "unreadable agent card" }] });
    if (!res.ok) throw unreadable(`HTTP ${res.status}`);
    try {
      raw = JSON.parse(res.body.toString("utf8"));
    } catch {
      throw unreadable("the reply is not JSON");
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("BAD_REQUEST", "url: could not read an agent card there", { fields: [{ path: "url", message: "unreadable agent card" }] });
  }
  const card = cardSchema.safeParse(raw);
  if (!card.success) {
    const issue = card.error.issues[0]!;
    throw new AppError("BAD_REQUEST", `url: not an A2A agent card: ${issue.path.join(".") || "(card)"} ${issue.message}`, { fields: [{ path: "url", message: "not an agent card" }] });
  }
  const capabilities = [...new Set(card.data.skills.flatMap((s) => [s.id, ...(s.tags ?? [])]).map(toCapability).filter(Boolean))].slice(0, 32);
  if (!capabilities.length) throw new AppError("BAD_REQUEST", "url: the agent card lists no skills, so the agent would match no task", { fields: [{ path: "url", message: "no skills" }] });
  return registerAgent(ctx, { name: card.data.name, description: card.data.description, kind: "webhook", capabilities, url: card.data.url, allowPrivateUrls: input.allowPrivateUrls });
}
