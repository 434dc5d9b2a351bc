// The hot queries can use their indexes (PostgreSQL's EXPLAIN, sequential scans off so a tiny
// table does not hide a missing index): a task list newest first per organization, task search,
// and an agent's latest successful runs (its duration percentiles on every dispatch).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { listTasksInput } from "@/server/schemas/tasks";
import { makeOrg, userCaller } from "@/server/trpc/testing";
import { agentStats } from "./agents";

describe("hot queries on PostgreSQL", () => {
  let h: DbHandle;
  let orgId: string;
  let api: Awaited<ReturnType<typeof userCaller>>;
  beforeAll(async () => {
    h = await createTestDb("postgres");
    const { org, owner } = await makeOrg(h.db, "Hot");
    orgId = org.id;
    api = await userCaller(h.db, owner, org.id);
    for (let i = 0; i < 20; i++) await api.tasks.create({ title: `Deploy service ${i}`, description: "roll it out" });
  });
  afterAll(() => h.close());

  async function plan(query: ReturnType<typeof sql>): Promise<string> {
    return h.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = rowsOf<{ "QUERY PLAN": string }>(await tx.execute(sql`explain ${query}`));
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
  }

  it("reads a list newest first (created or updated) from the organization's index", async () => {
    expect(await plan(sql`select id from tasks where organization_id = ${orgId} order by created_at desc, id desc limit 11`)).toContain("tasks_org_created_idx");
    expect(await plan(sql`select id from tasks where organization_id = ${orgId} order by updated_at desc, id desc limit 11`)).toContain("tasks_org_updated_idx");
  });

  it("searches through the full-text index, whole words and prefixes", async () => {
    // The predicate alone (with the organization, the planner may rightly start from its index):
    // the old `or title ilike '%q%'` made it unindexable.
    const q = sql`select id from tasks where to_tsvector('english', search_text) @@ (websearch_to_tsquery('english', 'deplo') || to_tsquery('english', 'deplo:*'))`;
    expect(await plan(q)).toContain("tasks_search_idx");
    expect((await api.tasks.list(listTasksInput.parse({ query: "deplo", limit: 50 }))).items).toHaveLength(20);
    expect((await api.tasks.list(listTasksInput.parse({ query: "Deploy service", limit: 50 }))).items).toHaveLength(20);
    expect((await api.tasks.list(listTasksInput.parse({ query: "nothing-like-it", limit: 50 }))).items).toHaveLength(0);
  });

  it("takes an agent's duration percentiles from its latest successful runs, newest first", async () => {
    const agent = rowsOf<{ id: string }>(await h.db.execute(sql`select id from agents where organization_id = ${orgId} limit 1`))[0]!;
    const q = sql`select ended_at from tasks where assigned_agent_id = ${agent.id} and status = 'succeeded' and started_at is not null order by ended_at desc limit 500`;
    expect(await plan(q)).toContain("tasks_agent_succeeded_idx");
    // 600 succeeded runs: the first 100 took 10 s, the latest 500 took 1 s: only those count.
    await h.db.execute(sql`
      insert into tasks (organization_id, title, status, assigned_agent_id, started_at, ended_at)
      select ${orgId}, 'run ' || g, 'succeeded', ${agent.id},
        now() - interval '1 day' + g * interval '1 minute',
        now() - interval '1 day' + g * interval '1 minute' + (case when g <= 100 then interval '10 seconds' else interval '1 second' end)
      from generate_series(1, 600) g`);
    const stats = (await agentStats(h.db, [{ id: agent.id, maxConcurrency: 1 }])).get(agent.id)!;
    expect(stats.runs).toBe(600);
    expect(stats.p50Ms).toBe(1000);
    expect(stats.p95Ms).toBe(1000);
  });
});
