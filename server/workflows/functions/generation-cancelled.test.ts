// A cancelled generation run leaves nothing half-done: the runner announces the cancellation
// (`inngest/function.cancelled`, as Inngest does) and the generation is closed as failed, with
// the credits held for a paid template returned.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { generations } from "@/db/schema";
import { createTestDb, dbKinds } from "@/db/testing";
import { storage } from "@/server/adapters/storage";
import { scopes } from "@/server/services/permissions";
import { keyCaller, makeOrg } from "@/server/trpc/testing";
import { recordGeneration } from "@/server/services/filegen/generations";
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
  });
});
