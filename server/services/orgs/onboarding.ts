import "server-only";
// What a new organization has done of the first-run path: a key, an agent of its own (not the
// built-in file generator), a task, a generation. Four counts, each capped at one row.
import { and, eq, ne, sql } from "drizzle-orm";
import { agents, apiKeys, generations, tasks } from "@/db/schema";
import type { ServiceContext } from "../context";

export async function onboardingStatus(ctx: ServiceContext) {
  const org = ctx.orgId;
  const exists = (q: ReturnType<typeof sql>) => sql<boolean>`exists (${q})`;
  const [row] = await ctx.db
    .select({
      key: exists(sql`select 1 from ${apiKeys} where ${apiKeys.organizationId} = ${org}`),
      agent: exists(sql`select 1 from ${agents} where ${and(eq(agents.organizationId, org), ne(agents.kind, "builtin:filegen"))}`),
      task: exists(sql`select 1 from ${tasks} where ${tasks.organizationId} = ${org}`),
      generation: exists(sql`select 1 from ${generations} where ${generations.organizationId} = ${org}`),
    })
    .from(sql`(select 1) as one`);
  return { orgId: org, createdKey: Boolean(row?.key), connectedAgent: Boolean(row?.agent), ranTask: Boolean(row?.task), generated: Boolean(row?.generation) };
}
