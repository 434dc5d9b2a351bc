// File generation: a 200-file template (about 1 MB rendered) to ZIP, in process and through the
// durable path (generation row → workflow → blob), beside Debian's cookiecutter rendering the
// equivalent Jinja template to disk, in the same run.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { migrateDb, openDb } from "../db/client";
import { generations } from "../db/schema";
import { localStorage } from "../server/adapters/storage/local";
import { createGeneration } from "../server/services/filegen/generations";
import { toZip } from "../server/services/filegen/package";
import { renderFiles } from "../server/services/filegen/render";
import { createTemplate } from "../server/services/filegen/templates";
import { resolveVariables } from "../server/services/filegen/variables";
import { makeOrg } from "../server/trpc/testing";
import { generateFilesWorkflow } from "../server/workflows/functions/generate-files";
import { sendEvent } from "../server/workflows/runner/events";
import { startRunner } from "../server/workflows/runner/runner";
import { benchTemplate, cookiecutterTemplate, FILES } from "./filegen-template";
import { type BenchRow, measure } from "./stats";

const run = promisify(execFile);
const { files: liquidFiles, variables } = benchTemplate;

export async function benchFilegen(): Promise<BenchRow[]> {
  const work = await mkdtemp(path.join(tmpdir(), "bench-filegen-"));
  const rows: BenchRow[] = [];
  let n = 0;

  // In process: validate, render, zip.
  const probe = await renderFiles(liquidFiles, resolveVariables(variables, { name: "probe" }));
  const bytes = probe.files.reduce((s, f) => s + f.bytes.byteLength, 0);
  const inProcess = await measure(async () => toZip((await renderFiles(liquidFiles, resolveVariables(variables, { name: `svc${n++}` }))).files), 30, 3);

  // Durable: generations row → generate-files workflow on the in-process runner → ZIP blob → recorded.
  const h = await openDb({ kind: "pglite" });
  await migrateDb(h);
  const storage = localStorage(path.join(work, "blobs"));
  const { org, owner } = await makeOrg(h.db, "Bench");
  const ctx = { db: h.db, orgId: org.id, actor: { type: "user" as const, userId: owner.id, label: "bench" }, role: "owner" as const };
  const t = await createTemplate(ctx, { name: "Bench 200", files: liquidFiles, variables });
  const runner = startRunner({ db: h.db, functions: [generateFilesWorkflow(async () => ({ db: h.db, storage }))], pollMs: 10 });
  const deps = { storage, link: () => "", enqueue: async (g: { id: string; orgId: string }) => void (await sendEvent(h.db, { name: "filegen/generation.requested", data: { orgId: g.orgId, generationId: g.id } })) };
  const durable = await measure(async () => {
    const g = await createGeneration(ctx, { templateId: t.id, variables: { name: `svc${n++}` }, format: "zip" }, deps);
    for (;;) {
      const [row] = await h.db.select({ status: generations.status }).from(generations).where(eq(generations.id, g.id));
      if (row!.status === "succeeded") return;
      if (row!.status === "failed") throw new Error("generation failed");
      await new Promise((r) => setTimeout(r, 5));
    }
  }, 20, 2);
  await runner.stop();
  await h.close();

  // Baseline: cookiecutter (Debian package) rendering the same files with Jinja, to disk.
  let cc: { p50: number; p95: number } | null = null;
  try {
    const template = await cookiecutterTemplate(work);
    cc = await measure(async () => run("cookiecutter", ["--no-input", "-f", "-o", path.join(work, "out"), template, `name=cc${n++}`]), 10, 1);
  } catch (err) {
    console.log(`cookiecutter baseline skipped (${(err as Error).message.split("\n")[0]}); install it with: apt-get install -y cookiecutter`);
  }
  const base = cc ? { baselineName: "cookiecutter → disk", baselineP50: cc.p50, baselineP95: cc.p95 } : {};
  const note = `${FILES} files, ${(bytes / 1024).toFixed(0)} KB`;
  rows.push({ name: "render + ZIP in process", p50: inProcess.p50, p95: inProcess.p95, ...base, note });
  rows.push({ name: "generations.create → ZIP stored (durable runner, PGlite)", p50: durable.p50, p95: durable.p95, ...base, note });
  await rm(work, { recursive: true, force: true });
  return rows;
}
