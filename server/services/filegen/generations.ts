import "server-only";
// Generations: template version + variables → files, packaged as JSON, ZIP or Git, stored as blobs
// and reused for the same (version, variables, format). Small jobs finish inside the call; large
// ones go to the workflow engine, which runs the same build and record steps.
import { createHash } from "node:crypto";
import { and, desc, eq, inArray, lt, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { fileTemplates, fileTemplateVersions, type Generation, generations, workflowRuns } from "@/db/schema";
import type { BlobStorage } from "@/server/adapters/storage/types";
import { AppError, notFound } from "@/server/errors";
import { newestFirst, nextCursorOf } from "@/server/pagination";
import { finalStatuses } from "@/server/workflows/runner/events";
import type { CreateGenerationInput, GenerationOutput } from "@/server/schemas/filegen";
import { actorUserId, type ServiceContext } from "../context";
import { hold, holdState, release, settle } from "../credits/ledger";
import { assertGenerationQuota } from "../quotas";
import { findVisibleTemplate } from "./access";
import { generationChanged } from "./changes";
import { unzipFiles } from "./archive.mjs";
import { repositoryFiles } from "./git-repo.mjs";
import { readRepository, storeRepository } from "./repo-store";
import { type JsonFile, type ManifestFile, toJsonFiles } from "./package";
import { type ArchivedFile, renderFiles, renderGit, renderZip } from "./render";
import { resolveVariables, type VariablesSchema } from "./variables";

export interface GenerationDeps {
  storage: BlobStorage;
  /** An expiring link to a stored output: `file` for downloads, `git` for a clone URL (`name`: the folder `git clone` makes). */
  link: (sub: string, kind: "file" | "git", name?: string) => string;
  /** Hands a large job to the workflow engine. */
  enqueue: (generation: { id: string; orgId: string }) => Promise<void>;
}

/** Jobs up to this size render within the call. */
const INLINE_MAX_FILES = 100;
const INLINE_MAX_BYTES = 512 * 1024;

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(",")}}`;
  return JSON.stringify(v);
}
export const variablesHash = (v: Record<string, unknown>) => createHash("sha256").update(stableJson(v)).digest("hex");

/** The ledger key of what a generation of a paid template costs. */
const chargeKey = (generationId: string) => `generation:${generationId}`;

export interface BuildSummary {
  fileCount: number;
  bytes: number;
  instructions: string;
  outputKeys: Record<string, string>;
}

async function setProgress(db: DbOrTx, id: string, progress: number) {
  await db.update(generations).set({ progress }).where(eq(generations.id, id));
  generationChanged(id);
}

/** Render → package → store. Idempotent: the keys derive from the generation id. */
export async function buildGeneration(db: DbOrTx, storage: BlobStorage, generationId: string): Promise<BuildSummary> {
  // Running first, in one statement, so whoever follows it hears within a query of the step
  // starting. States only move forward: an ended generation (cancelled, refunded, failed or done) never runs again.
  const [g] = await db
    .update(generations)
    .set({ status: "running", progress: 5 })
    .where(and(eq(generations.id, generationId), inArray(generations.status, [...unfinished])))
    .returning();
  if (!g) {
    const [ended] = await db.select().from(generations).where(eq(generations.id, generationId));
    if (!ended) throw notFound("Generation");
    throw endedError(ended);
  }
  generationChanged(g.id);
  const [v] = await db.select().from(fileTemplateVersions).where(eq(fileTemplateVersions.id, g.templateVersionId));
  if (!v) throw notFound("Template version");
  const opts = { orgId: g.organizationId, cacheKey: v.id };
  const keys: Record<string, string> = { manifest: `generations/${g.id}/files.json` };
  let manifest: ManifestFile[];
  let instructions: string;
  const listed = (files: ArchivedFile[]): ManifestFile[] => files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, encoding: f.binary ? "base64" : "utf8" }));
  if (g.format === "zip") {
    // Zipped in the worker; the manifest lists the files and their contents stay in the archive.
    const zipped = await renderZip(v.files, g.variables, v.instructions, opts);
    await setProgress(db, g.id, 60);
    keys.zip = `generations/${g.id}/output.zip`;
    await storage.put(keys.zip, zipped.archive, "application/zip");
    manifest = listed(zipped.files);
    instructions = zipped.instructions;
  } else if (g.format === "git") {
    // Likewise a packed repository; its contents stay in the pack.
    // The commit says what it is and when: the template by name and version, dated when the generation was asked for.
    const [t] = await db.select({ name: fileTemplates.name }).from(fileTemplates).where(eq(fileTemplates.id, g.templateId));
    const built = await renderGit(v.files, g.variables, v.instructions, { ...opts, message: `Generated from ${t?.name ?? "a template"}, version ${g.version}`, date: g.createdAt });
    await setProgress(db, g.id, 60);
    keys.git = await storeRepository(storage, g.id, built.repo);
    manifest = listed(built.files);
    instructions = built.instructions;
  } else {
    const rendered = await renderFiles(v.files, g.variables, v.instructions, opts);
    await setProgress(db, g.id, 60);
    manifest = toJsonFiles(rendered.files);
    instructions = rendered.instructions;
  }
  await storage.put(keys.manifest!, Buffer.from(JSON.stringify(manifest)), "application/json");
  await setProgress(db, g.id, 95);
  return { fileCount: manifest.length, bytes: manifest.reduce((n, f) => n + f.size, 0), instructions, outputKeys: keys };
}

const unfinished = ["queued", "running"] as const;

const endedError = (g: Generation) =>
  new AppError(
    "CONFLICT",
    `Generation ${g.id} has already ended (${g.status}${g.error?.message ? `: ${g.error.message}` : ""}); it does not run again. Start a new generation with generations_create.`,
  );

/**
 * Marks a generation succeeded and pays for it. The generation row is locked first, so exactly one
 * of record and fail wins; success is recorded only for an unfinished generation whose hold (for
 * a paid template) is still held: a cancelled, refunded generation stays failed and is not paid.
 */
export async function recordGeneration(db: DbOrTx, generationId: string, s: BuildSummary): Promise<void> {
  await db.transaction(async (tx) => {
    const [g] = await tx.select({ status: generations.status }).from(generations).where(eq(generations.id, generationId)).for("update");
    if (!g || !unfinished.includes(g.status as (typeof unfinished)[number])) return;
    const paid = await holdState(tx, chargeKey(generationId));
    if (paid === "released" || paid === "settled") {
      await tx.update(generations).set({ status: "failed", error: { message: "The generation's credits were already returned" }, endedAt: new Date() }).where(eq(generations.id, generationId));
      return;
    }
    await tx
      .update(generations)
      .set({
        status: "succeeded",
        progress: 100,
        fileCount: s.fileCount,
        bytes: s.bytes,
        instructions: s.instructions,
        outputKeys: s.outputKeys,
        endedAt: new Date(),
        durationMs: sql`(extract(epoch from (now() - ${generations.createdAt})) * 1000)::int`,
      })
      .where(eq(generations.id, generationId));
    if (paid === "held") await settle(tx, chargeKey(generationId));
  });
  generationChanged(generationId);
}

/** Why a generation's run may not be retried (it has ended), or null when it may. */
export async function generationRetryBlocker(db: DbOrTx, generationId: string): Promise<string | null> {
  const [g] = await db.select().from(generations).where(eq(generations.id, generationId));
  if (!g) return "The generation no longer exists";
  return unfinished.includes(g.status as (typeof unfinished)[number]) ? null : endedError(g).message;
}

/**
 * Closes generations left unfinished by a crash or timeout (an inline render whose process died,
 * a run that ended without recording): older than `olderThanMs` and with no unfinished workflow
 * run about them. They fail and what was held for them goes back.
 */
export async function sweepStaleGenerations(db: DbOrTx, olderThanMs: number): Promise<string[]> {
  const stale = await db
    .select({ id: generations.id })
    .from(generations)
    .where(
      and(
        inArray(generations.status, [...unfinished]),
        lt(generations.createdAt, new Date(Date.now() - olderThanMs)),
        sql`not exists (select 1 from ${workflowRuns} where ${workflowRuns.event}->'data'->>'generationId' = ${generations.id}::text and ${notInArray(workflowRuns.status, [...finalStatuses])})`,
      ),
    )
    .limit(500);
  for (const { id } of stale) await failGeneration(db, id, new AppError("INTERNAL_SERVER_ERROR", "The generation did not finish (the server stopped or timed out while it rendered); its credits were returned"));
  return stale.map((r) => r.id);
}

/** Marks a generation failed and returns what was held for it; a recorded failure (with its field detail) or success is kept. */
export async function failGeneration(db: DbOrTx, generationId: string, err: unknown): Promise<void> {
  const e = err instanceof AppError ? { message: err.message, fields: err.details?.fields } : { message: "Generation failed: internal error" };
  await db.transaction(async (tx) => {
    await tx
      .update(generations)
      .set({ status: "failed", error: e, endedAt: new Date(), durationMs: sql`(extract(epoch from (now() - ${generations.createdAt})) * 1000)::int` })
      .where(and(eq(generations.id, generationId), notInArray(generations.status, ["failed", "succeeded"])));
    await release(tx, chargeKey(generationId));
  });
  generationChanged(generationId);
}

export async function generationView(g: Generation, deps: GenerationDeps, opts: { includeFiles: boolean; includeContent?: boolean; templateSlug?: string | null }): Promise<GenerationOutput> {
  const view: GenerationOutput = {
    id: g.id,
    status: g.status,
    templateId: g.templateId,
    version: g.version,
    format: g.format,
    progress: g.progress,
    fileCount: g.fileCount,
    bytes: g.bytes,
    durationMs: g.durationMs,
    instructions: g.instructions,
    error: g.error ?? null,
    reused: Boolean(g.reusedFromId),
    createdAt: g.createdAt,
  };
  if (g.status !== "succeeded" || !g.outputKeys) return view;
  const source = g.reusedFromId ?? g.id;
  if (g.outputKeys.zip) view.downloadUrl = deps.link(`g:${source}:zip`, "file");
  if (g.outputKeys.git) view.cloneUrl = deps.link(`g:${source}:git`, "git", opts.templateSlug ?? undefined);
  if (g.format === "json") view.downloadUrl = deps.link(`g:${source}:manifest`, "file");
  if (opts.includeFiles && g.outputKeys.manifest) {
    const raw = await deps.storage.get(g.outputKeys.manifest);
    if (raw) {
      const files = JSON.parse(Buffer.from(raw).toString("utf8")) as ManifestFile[];
      const withContent = g.format === "json" || opts.includeContent;
      view.files = withContent ? await withContents(files, g.outputKeys, deps.storage) : files.map(({ path, size, sha256 }) => ({ path, size, sha256 }));
    }
  }
  return view;
}

/** The generation whose output a key names (`generations/<id>/…`): a reused result's is the original's. */
const generationIdOf = (key: string) => key.split("/")[1]!;

/** A ZIP or Git generation's manifest holds no contents: they are read from its archive or repository when asked for. */
async function withContents(files: ManifestFile[], keys: Record<string, string>, storage: BlobStorage): Promise<JsonFile[]> {
  if (files.every((f) => f.content !== undefined) || !(keys.zip || keys.git)) return files as JsonFile[];
  let entries = new Map<string, Uint8Array>();
  if (keys.zip) {
    const stored = await storage.get(keys.zip);
    if (stored) entries = unzipFiles(stored);
  } else {
    const repo = await readRepository(storage, generationIdOf(keys.git!));
    if (repo) entries = await repositoryFiles(repo);
  }
  return files.map((f) => {
    const bytes = entries.get(f.path) ?? new Uint8Array();
    return { ...f, content: Buffer.from(bytes).toString(f.encoding === "base64" ? "base64" : "utf8") };
  });
}

export async function createGeneration(ctx: ServiceContext, input: CreateGenerationInput, deps: GenerationDeps): Promise<GenerationOutput> {
  await assertGenerationQuota(ctx);
  const t = await findVisibleTemplate(ctx, input.templateId);
  const version = input.version ?? t.latestVersion;
  const [v] = await ctx.db.select().from(fileTemplateVersions).where(and(eq(fileTemplateVersions.templateId, t.id), eq(fileTemplateVersions.version, version)));
  if (!v) throw new AppError("NOT_FOUND", `version: template ${t.slug} has no version ${version}`, { fields: [{ path: "version", message: "no such version" }] });
  const variables = resolveVariables(v.variables as VariablesSchema, input.variables);
  const hash = variablesHash(variables);
  const [cached] = await ctx.db
    .select()
    .from(generations)
    .where(and(eq(generations.organizationId, ctx.orgId), eq(generations.templateVersionId, v.id), eq(generations.variablesHash, hash), eq(generations.format, input.format), eq(generations.status, "succeeded")))
    .orderBy(desc(generations.createdAt))
    .limit(1);
  const base = { organizationId: ctx.orgId, templateId: t.id, templateVersionId: v.id, version, variables, variablesHash: hash, format: input.format, createdBy: actorUserId(ctx.actor) };
  // Another organization's paid template: its price is held before anything is rendered, paid to
  // the publisher when the files are stored, returned if the generation fails. A result this
  // organization already paid for (the same version, variables and format) is reused for free.
  // One transaction: without the credits, neither the generation nor the usage count is written.
  const price = !cached && t.organizationId !== ctx.orgId ? t.priceCredits : 0;
  const g = await ctx.db.transaction(async (tx) => {
    await tx.update(fileTemplates).set({ usageCount: sql`${fileTemplates.usageCount} + 1` }).where(eq(fileTemplates.id, t.id));
    const values = cached
      ? { ...base, status: "succeeded" as const, progress: 100, fileCount: cached.fileCount, bytes: cached.bytes, instructions: cached.instructions, outputKeys: cached.outputKeys, reusedFromId: cached.reusedFromId ?? cached.id, durationMs: 0, endedAt: new Date() }
      : base;
    const [row] = await tx.insert(generations).values(values).returning();
    if (price > 0) await hold(tx, { key: chargeKey(row!.id), buyerOrgId: ctx.orgId, payeeOrgId: t.organizationId, amount: price, memo: `Template ${t.name} v${version}`, subject: chargeKey(row!.id), createdBy: base.createdBy });
    return row!;
  });
  return cached ? generationView(g, deps, { includeFiles: true, templateSlug: t.slug }) : runGeneration(ctx, g, v, deps);
}

/** Small jobs build within the call; large ones go to the workflow engine. */
async function runGeneration(ctx: ServiceContext, g: Generation, v: { files: { content: string }[] }, deps: GenerationDeps): Promise<GenerationOutput> {
  const sourceBytes = v.files.reduce((n, f) => n + f.content.length, 0);
  if (v.files.length > INLINE_MAX_FILES || sourceBytes > INLINE_MAX_BYTES) {
    await deps.enqueue({ id: g.id, orgId: ctx.orgId });
    return generationView(g, deps, { includeFiles: false });
  }
  try {
    await recordGeneration(ctx.db, g.id, await buildGeneration(ctx.db, deps.storage, g.id));
  } catch (err) {
    await failGeneration(ctx.db, g.id, err);
    throw err;
  }
  return getGeneration(ctx, { id: g.id }, deps);
}

export async function getGeneration(ctx: ServiceContext, input: { id: string; includeContent?: boolean }, deps: GenerationDeps): Promise<GenerationOutput> {
  const [row] = await ctx.db
    .select({ g: generations, slug: fileTemplates.slug })
    .from(generations)
    .leftJoin(fileTemplates, eq(fileTemplates.id, generations.templateId))
    .where(and(eq(generations.id, input.id), eq(generations.organizationId, ctx.orgId)));
  if (!row) throw notFound("Generation");
  return generationView(row.g, deps, { includeFiles: true, includeContent: input.includeContent, templateSlug: row.slug });
}

export async function listGenerations(ctx: ServiceContext, input: { limit: number; cursor?: string | null }, deps: GenerationDeps) {
  const page = newestFirst(generations.createdAt, generations.id);
  const rows = await ctx.db
    .select({ g: generations, name: fileTemplates.name, slug: fileTemplates.slug, cursor: page.cursor })
    .from(generations)
    .leftJoin(fileTemplates, eq(fileTemplates.id, generations.templateId))
    .where(and(eq(generations.organizationId, ctx.orgId), page.after(input.cursor)))
    .orderBy(...page.orderBy)
    .limit(input.limit + 1);
  const items = await Promise.all(rows.slice(0, input.limit).map(async (r) => ({ ...(await generationView(r.g, deps, { includeFiles: false, templateSlug: r.slug })), templateName: r.name ?? "(deleted template)", templateSlug: r.slug ?? "" })));
  return { items, nextCursor: nextCursorOf(rows, input.limit) };
}
