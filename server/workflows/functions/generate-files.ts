import "server-only";
// The durable path of a large generation: build (render → package → store), then record.
// Build is idempotent (its blob keys derive from the generation id), so a retried or replayed
// step overwrites the same objects; the record step runs once its result is memoized.
import { and, inArray, lt, notInArray, sql } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import type { DbOrTx } from "@/db/client";
import { generations, workflowRuns } from "@/db/schema";
import type { BlobStorage } from "@/server/adapters/storage/types";
import { AppError } from "@/server/errors";
import { buildGeneration, failGeneration, generationRetryBlocker, recordGeneration, sweepStaleGenerations } from "@/server/services/filegen/generations";
import { defineWorkflow } from "../define";
import { finalStatuses, functionCancelled } from "../runner/events";

export const generationRequested = "filegen/generation.requested";

export interface GenerationEventData {
  orgId: string;
  generationId: string;
}

export function generateFilesWorkflow(resolve: () => Promise<{ db: DbOrTx; storage: BlobStorage }>) {
  return defineWorkflow<GenerationEventData>(
    { id: "generate-files", name: "Generate files", triggers: [{ event: generationRequested }], retries: 2, concurrency: { limit: 4, key: "event.data.orgId" } },
    async ({ event, step }) => {
      const { db, storage } = await resolve();
      const summary = await step.run("build", async () => {
        try {
          return await buildGeneration(db, storage, event.data.generationId);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          // Bad variables or a template error will not improve on retry: record it and stop.
          await failGeneration(db, event.data.generationId, err);
          throw new NonRetriableError(err.message);
        }
      });
      await step.run("record", () => recordGeneration(db, event.data.generationId, summary));
      return { generationId: event.data.generationId, files: summary.fileCount, bytes: summary.bytes };
    },
    async ({ event, error }) => {
      const { db } = await resolve();
      await failGeneration(db, event.data.generationId, error);
    },
    // A generation's states move forward only: once it has ended (cancelled and refunded, failed
    // or done), retrying its run would render for free; the caller starts a new generation.
    (db, event) => generationRetryBlocker(db, event.data.generationId),
  );
}

/** Whether sweepStaleGenerations would close anything: its rule (unfinished, old, no live run), as one read. */
export async function staleGenerationsExist(db: DbOrTx, olderThanMs: number): Promise<boolean> {
  const [row] = await db
    .select({ id: generations.id })
    .from(generations)
    .where(
      and(
        inArray(generations.status, ["queued", "running"]),
        lt(generations.createdAt, new Date(Date.now() - olderThanMs)),
        sql`not exists (select 1 from ${workflowRuns} where ${workflowRuns.event}->'data'->>'generationId' = ${generations.id}::text and ${notInArray(workflowRuns.status, [...finalStatuses])})`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Every few minutes: generations a crash or timeout left unfinished are failed and their credits returned. */
export function staleGenerationsWorkflow(resolve: () => Promise<{ db: DbOrTx }>, olderThanMs: number) {
  return defineWorkflow(
    {
      id: "generations-sweeper",
      name: "Close generations left unfinished by a crash",
      triggers: [{ cron: "*/5 * * * *" }],
      retries: 1,
      workDue: async () => staleGenerationsExist((await resolve()).db, olderThanMs),
    },
    async ({ step }) => ({ closed: await step.run("sweep", async () => sweepStaleGenerations((await resolve()).db, olderThanMs)) }),
  );
}

/**
 * A cancelled generation run (from the Runs view, or an event) leaves nothing half-done: the
 * generation is marked failed and any credits held for it go back. Triggered by the
 * `inngest/function.cancelled` event both engines send.
 */
export function generationCancelledWorkflow(resolve: () => Promise<{ db: DbOrTx }>) {
  return defineWorkflow<{ function_id: string; run_id: string; event: { data?: Partial<GenerationEventData> } }>(
    { id: "generate-files-cancelled", name: "Close a cancelled generation", triggers: [{ event: functionCancelled }], retries: 3 },
    async ({ event, step }) => {
      const generationId = event.data.event?.data?.generationId;
      if (!String(event.data.function_id).endsWith("generate-files") || !generationId) return { skipped: true };
      await step.run("close", async () => failGeneration((await resolve()).db, generationId, new AppError("CONFLICT", "The generation was cancelled")));
      return { generationId };
    },
  );
}

