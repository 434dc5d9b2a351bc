// The platform's own workflows through the Inngest binding: every function registers with its id
// and triggers, and the file generation handler runs under Inngest's engine against a real database.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { storage } from "@/server/adapters/storage";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { createInngestClient, toInngestFunction } from "../inngest";
import { generateFilesWorkflow, generationRequested } from "./generate-files";
import { workflowFunctions } from "./index";

const client = createInngestClient({ isDev: true });
type Config = { id: string; triggers: unknown[] };
const configOf = (fn: unknown) => (fn as { getConfig: (o: { baseUrl: URL; appPrefix: string }) => Config[] }).getConfig({ baseUrl: new URL("http://localhost:3000/api/inngest"), appPrefix: "cloud-mcp" })[0]!;

describe("the platform's workflows on Inngest", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb("pglite");
  });
  afterAll(() => h.close());

  it("registers every workflow with its id and triggers", () => {
    const configs = workflowFunctions.map((w) => configOf(toInngestFunction(client, w)));
    expect(configs.map((c) => c.id)).toEqual(["cloud-mcp-generate-files", "cloud-mcp-generate-files-cancelled", "cloud-mcp-dispatch-task", "cloud-mcp-redispatch-queued", "cloud-mcp-tasks-maintenance", "cloud-mcp-automations-on-task-finished", "cloud-mcp-automations-schedule", "cloud-mcp-generations-sweeper", "cloud-mcp-credits-monthly-grant"]);
    expect(configs[0]!.triggers).toEqual([{ event: generationRequested }]);
    expect(configs[1]!.triggers).toEqual([{ event: "inngest/function.cancelled" }]);
    expect(configs[4]!.triggers).toEqual([{ cron: "* * * * *" }]);
    expect(configs[7]!.triggers).toEqual([{ cron: "*/5 * * * *" }]);
    expect(configs[8]!.triggers).toEqual([{ cron: "7 * * * *" }]);
  });

  it("runs the generate-files handler under Inngest's engine: build then record", async () => {
    const { org, owner } = await makeOrg(h.db, "Inngest");
    const api = await keyCaller(h.db, org.id, scopes, owner.id);
    const files = Array.from({ length: 120 }, (_, i) => ({ path: `f${i}.txt`, content: `{{ word }} ${i}` }));
    const t = await api.templates.create({ name: "Many", files, variables: { type: "object", properties: { word: { type: "string", default: "hey" } } } });
    const queued = await api.generations.create({ templateId: t.id, variables: {}, format: "zip" });
    expect(queued.status).toBe("queued");
    const fn = toInngestFunction(client, generateFilesWorkflow(async () => ({ db: h.db, storage: storage() })));
    const engine = new InngestTestEngine({ function: fn, events: [{ name: generationRequested, data: { orgId: org.id, generationId: queued.id } }] });
    const { result, ctx } = await engine.execute();
    expect(result).toMatchObject({ generationId: queued.id, files: 120 });
    expect(ctx.step.run).toHaveBeenCalledWith("build", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("record", expect.any(Function));
    expect(await api.generations.get({ id: queued.id, includeContent: false })).toMatchObject({ status: "succeeded", fileCount: 120 });
  });
});
