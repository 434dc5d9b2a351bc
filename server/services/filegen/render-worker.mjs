// A render worker thread (piscina): runs one job of render-core.mjs and hands the rendered bytes
// back by transfer. Plain JavaScript importing only Node, piscina and liquidjs, loaded by path
// from render-pool.ts, so it runs the same under Vitest and in the production server.
// `progress` (shared with the main thread): [0] becomes 1 when the job starts (the budget clock
// starts then, not while it waits in the queue); [1], [2] are the file index and part in hand.
import { move, transferableSymbol, valueSymbol } from "piscina";
import { renderJob, renderOne } from "./render-core.mjs";

export default async function render({ kind, progress, ...job }) {
  const step = new Int32Array(progress);
  Atomics.store(step, 0, 1);
  Atomics.notify(step, 0);
  if (kind === "text") return renderOne(job.source, job.variables, job.field);
  const r = await renderJob(job, (index, part) => {
    Atomics.store(step, 1, index);
    Atomics.store(step, 2, part);
  });
  if (!r.ok) return r;
  return move({ [transferableSymbol]: r.files.map((f) => f.bytes.buffer), [valueSymbol]: r });
}
