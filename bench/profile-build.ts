// Profiles the build step of a 200-file ZIP generation (render → package → store) in one process:
// `NODE_ENV=test node --conditions=react-server --cpu-prof --cpu-prof-dir=DIR --import tsx bench/profile-build.ts`.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrateDb, openDb } from "../db/client";
import { eq } from "drizzle-orm";
import { fileTemplateVersions, generations } from "../db/schema";
import { localStorage } from "../server/adapters/storage/local";
import { buildGeneration } from "../server/services/filegen/generations";
import { closeRenderPool } from "../server/services/filegen/render-pool";
import { createTemplate } from "../server/services/filegen/templates";
import { makeOrg } from "../server/trpc/testing";
import { benchTemplate } from "./filegen-template";

const work = await mkdtemp(path.join(tmpdir(), "profile-build-"));
const h = await openDb({ kind: "pglite" });
await migrateDb(h);
const storage = localStorage(path.join(work, "blobs"));
const { org, owner } = await makeOrg(h.db, "Profile");
const ctx = { db: h.db, orgId: org.id, actor: { type: "user" as const, userId: owner.id, label: "profile" }, role: "owner" as const };
const t = await createTemplate(ctx, { name: "Profile 200", files: benchTemplate.files, variables: benchTemplate.variables });
const [v] = await h.db.select().from(fileTemplateVersions).where(eq(fileTemplateVersions.templateId, t.id));
const format = (process.argv[2] ?? "zip") as "zip" | "git" | "json";
for (let i = 0; i < Number(process.argv[3] ?? 5); i++) {
  const [g] = await h.db.insert(generations).values({ organizationId: org.id, templateId: t.id, templateVersionId: v!.id, version: v!.version, variables: { name: `p${i}`, description: "a generated file of the benchmark, long enough to matter" }, variablesHash: `p${i}`, format }).returning();
  const started = performance.now();
  const s = await buildGeneration(h.db, storage, g!.id);
  console.log(`build ${format} #${i}: ${(performance.now() - started).toFixed(0)} ms, ${s.fileCount} files, ${s.bytes} bytes`);
}
await closeRenderPool();
await h.close();
