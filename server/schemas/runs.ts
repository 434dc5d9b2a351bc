import { z } from "zod";
import { cursorField, uuid } from "./common";

export const runStatus = z.enum(["queued", "running", "sleeping", "waiting", "completed", "failed", "cancelled"]);
const errorShape = z.object({ name: z.string(), message: z.string() }).nullable();

export const listRunsInput = z
  .object({
    functionId: z.string().max(120).optional(),
    status: runStatus.optional(),
    subjectId: uuid("subjectId").optional().describe("only runs about this generation or task"),
    limit: z.number().int().min(1).max(100).default(25),
    cursor: cursorField,
  })
  .default({ limit: 25 });

export const runIdInput = z.object({ id: uuid() });

export const runSummary = z.object({
  id: z.string(),
  functionId: z.string(),
  status: runStatus,
  event: z.object({ name: z.string(), data: z.record(z.string(), z.unknown()) }),
  invocations: z.number(),
  priority: z.number(),
  error: errorShape,
  parentRunId: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
});

export const runDetail = runSummary.extend({
  output: z.unknown(),
  runAt: z.date(),
  wait: z.unknown(),
  steps: z.array(
    z.object({
      stepId: z.string(),
      kind: z.string(),
      status: z.string(),
      output: z.unknown(),
      error: errorShape,
      attempts: z.number(),
      startedAt: z.date(),
      endedAt: z.date().nullable(),
      durationMs: z.number().nullable(),
      wakeAt: z.date().nullable(),
    }),
  ),
});
