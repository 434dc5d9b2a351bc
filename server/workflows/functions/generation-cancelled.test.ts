// A cancelled generation run leaves nothing half-done: the runner announces the cancellation
// (`inngest/function.cancelled`, as Inngest does) and the generation is closed as failed, with
// the credits held for a paid template returned.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { fileTemplateVersions, generations } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { storage } from "@/server/adapters/storage";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { hold } from "@/server/services/credits/ledger";
import { buildGeneration, recordGeneration, sweepStaleGenerations } from "@/server/services/filegen/generations";
import { insertRun } from "../runner/events";
import { type RunnerHandle, startRunner } from "../runner/runner";
import { cancelRun, getRun } from "../runs";
import { generateFilesWorkflow, generationCancelledWorkflow, generationRequested } from "./generate-files";

describe.each(dbKinds)("cancelling a generation on %s", (kind) => {
  let h: DbHandle;
  let runner: RunnerHandle;
  beforeAll(async () => {
    h = await createTestDb(kind);
    // Only the closer runs here: the generation's own run stays queued until it is cancelled.
    runner = startRunner({ db: h.db, functions: [generationCancelledWorkflow(async () => ({ db: h.db }))], pollMs: 20, backoffBaseMs: 10, leaseMs: 5_000 });
  });
  afterAll(async () => {
    await runner.stop();
    await h.close();
  });

  it("fails the generation and refunds what was held for it", async () => {
    const seller = await makeOrg(h.db, "Seller");
    const buyer = await makeOrg(h.db, "Buyer");
    const sell = await keyCaller(h.db, seller.org.id, scopes, seller.owner.id);
    const buy = await keyCaller(h.db, buyer.org.id, scopes, buyer.owner.id);
    const files = Array.from({ length: 120 }, (_, i) => ({ path: `f${i}.txt`, content: "{{ n }}" }));
    const t = await sell.templates.create({ name: "Big paid", visibility: "public", priceCredits: 100, files });
    const g = await buy.generations.create({ templateId: t.id, variables: { n: 1 }, format: "zip" });
    expect(g.status).toBe("queued");
    expect(await buy.credits.balance()).toEqual({ balance: 900, held: 100 });

    const def = generateFilesWorkflow(async () => ({ db: h.db, storage: storage() }));
    const run = await insertRun(h.db, def, { name: generationRequested, data: { orgId: buyer.org.id, generationId: g.id } });
    expect(await cancelRun(h.db, run.id, buyer.org.id)).toBe(true);
    expect(await cancelRun(h.db, run.id, buyer.org.id)).toBe(false);

    const end = Date.now() + 15_000;
    for (;;) {
      const [row] = await h.db.select().from(generations).where(eq(generations.id, g.id));
      if (row!.status === "failed") {
        expect(row!.error).toMatchObject({ message: "The generation was cancelled" });
        break;
      }
      if (Date.now() > end) throw new Error(`generation still ${row!.status}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await buy.credits.balance()).toEqual({ balance: 1000, held: 0 });
    expect((await getRun(h.db, run.id, buyer.org.id))?.status).toBe("cancelled");

    // A step that was in flight when the run was cancelled records afterwards: the generation stays
    // failed and the publisher is not paid for what was refunded.
    await recordGeneration(h.db, g.id, { fileCount: 120, bytes: 120, instructions: "", outputKeys: {} });
    const [after] = await h.db.select().from(generations).where(eq(generations.id, g.id));
    expect(after!.status).toBe("failed");
    expect(await buy.credits.balance()).toEqual({ balance: 1000, held: 0 });
    expect(await sell.credits.balance()).toEqual({ balance: 1000, held: 0 });

    // Retrying the cancelled run would render the refunded generation for free: refused, with why.
    await expect(buy.runs.retry({ id: run.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("has already ended (failed: The generation was cancelled)") });
    // And a run that starts anyway (an engine's replay) cannot move it back: states only go forward.
    await expect(buildGeneration(h.db, storage(), g.id)).rejects.toMatchObject({ code: "CONFLICT" });
    const [still] = await h.db.select().from(generations).where(eq(generations.id, g.id));
    expect(still).toMatchObject({ status: "failed", outputKeys: null });
    expect(await buy.credits.balance()).toEqual({ balance: 1000, held: 0 });
    expect(await sell.credits.balance()).toEqual({ balance: 1000, held: 0 });
  });

  it("sweeps generations a crash left unfinished, returning their credits, and leaves live ones alone", async () => {
    const seller = await makeOrg(h.db, "Seller");
    const buyer = await makeOrg(h.db, "Buyer");
    const sell = await keyCaller(h.db, seller.org.id, scopes, seller.owner.id);
    const buy = await keyCaller(h.db, buyer.org.id, scopes, buyer.owner.id);
    const t = await sell.templates.create({ name: "Paid small", visibility: "public", priceCredits: 30, files: [{ path: "a.txt", content: "{{ n }}" }] });
    const [version] = await h.db.select().from(fileTemplateVersions).where(eq(fileTemplateVersions.templateId, t.id));
    // What createGeneration's first transaction leaves when the process dies before rendering: a row and a hold.
    const crashed = async (minutesAgo: number, status: "queued" | "running") => {
      const [row] = await h.db
        .insert(generations)
        .values({ organizationId: buyer.org.id, templateId: t.id, templateVersionId: version!.id, version: "1.0.0", variables: { n: minutesAgo }, variablesHash: `h${minutesAgo}`, format: "zip", status, createdAt: new Date(Date.now() - minutesAgo * 60_000) })
        .returning();
      await hold(h.db, { key: `generation:${row!.id}`, buyerOrgId: buyer.org.id, payeeOrgId: seller.org.id, amount: 30, memo: "test", subject: `generation:${row!.id}` });
      return row!.id;
    };
    const old = await crashed(20, "running");
    const fresh = await crashed(1, "queued");
    const queuedBehindBacklog = await crashed(30, "queued");
    const def = generateFilesWorkflow(async () => ({ db: h.db, storage: storage() }));
    await insertRun(h.db, def, { name: generationRequested, data: { orgId: buyer.org.id, generationId: queuedBehindBacklog } });
    expect(await buy.credits.balance()).toEqual({ balance: 910, held: 90 });

    expect(await sweepStaleGenerations(h.db, 15 * 60_000)).toEqual([old]);
    const [closed] = await h.db.select().from(generations).where(eq(generations.id, old));
    expect(closed).toMatchObject({ status: "failed", error: { message: expect.stringContaining("its credits were returned") } });
    expect(await buy.credits.balance()).toEqual({ balance: 940, held: 60 });
    // A late record of the swept one does not pay the publisher.
    await recordGeneration(h.db, old, { fileCount: 1, bytes: 1, instructions: "", outputKeys: {} });
    expect((await h.db.select().from(generations).where(eq(generations.id, old)))[0]!.status).toBe("failed");
    expect(await sell.credits.balance()).toEqual({ balance: 1000, held: 0 });
    expect(await sweepStaleGenerations(h.db, 15 * 60_000)).toEqual([]);
    expect((await h.db.select().from(generations).where(eq(generations.id, fresh)))[0]!.status).toBe("queued");
  });
});
