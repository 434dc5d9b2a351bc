// A render worker thread (piscina): runs one job of render-core.mjs and hands the rendered bytes
// back by transfer; with `archive: "zip"` it builds the ZIP here and hands back only the archive
// and each file's path, size and digest, so the main thread never holds the files themselves;
// with `archive: "git"` the same for a packed Git repository (`git` carries the commit message). Plain JavaScript importing only Node, piscina and liquidjs, loaded by path
// from render-pool.ts, so it runs the same under Vitest and in the production server. `kind:
// "check"` only parses, listing every problem (saving a version, the preview's first step).
// `progress` (shared with the main thread): [0] becomes 1 when the job starts (the budget clock
// starts then, not while it waits in the queue); [1], [2] are the file index and part in hand.
import { move, transferableSymbol, valueSymbol } from "piscina";
import { zipEntry, zipWriter } from "./archive.mjs";
import { parseProblems, renderJob, renderOne } from "./render-core.mjs";

export default async function render({ kind, progress, archive, git, ...job }) {
  const step = new Int32Array(progress);
  Atomics.store(step, 0, 1);
  Atomics.notify(step, 0);
  if (kind === "text") return renderOne(job.source, job.variables, job.field);
  const onStep = (index, part) => {
    Atomics.store(step, 1, index);
    Atomics.store(step, 2, part);
  };
  if (kind === "check") return parseProblems(job.files, job.instructions, onStep);
  if (archive === "entries") {
    // A part of a large ZIP job: each file compressed here; the job's archive is put together
    // from every part's entries (render.ts).
    const r = await renderJob(job, onStep, (f, source) => ({ ...zipEntry(f.path, f.bytes), binary: f.binary, sha256: f.sha256, source }));
    if (!r.ok) return r;
    return move({ [transferableSymbol]: r.files.map((e) => e.data.buffer), [valueSymbol]: r });
  }
  if (archive === "zip" || archive === "git") {
    // Each file goes into the archive as it is rendered; only its path, size and digest stay.
    // isomorphic-git loads only in a worker that builds a repository: a new worker starts sooner.
    const writer = archive === "zip" ? zipWriter() : (await import("./git-repo.mjs")).gitWriter();
    const r = await renderJob(job, onStep, (f) => {
      writer.add(f.path, f.bytes);
      return { path: f.path, size: f.bytes.byteLength, binary: f.binary, sha256: f.sha256 };
    });
    if (!r.ok) return r;
    if (archive === "zip") {
      const bytes = writer.finish();
      return move({ [transferableSymbol]: [bytes.buffer], [valueSymbol]: { ...r, archive: bytes } });
    }
    const repo = [...(await writer.finish(git))].map(([k, b]) => [k, new Uint8Array(b)]);
    return move({ [transferableSymbol]: repo.map(([, b]) => b.buffer), [valueSymbol]: { ...r, repo } });
  }
  const r = await renderJob(job, onStep);
  if (!r.ok) return r;
  return move({ [transferableSymbol]: r.files.map((f) => f.bytes.buffer), [valueSymbol]: r });
}
