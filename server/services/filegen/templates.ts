import "server-only";
// Templates and their immutable versions: create, publish, read, search (full text), fork.
import { and, arrayContains, desc, eq, sql } from "drizzle-orm";
import { type FileTemplate, fileTemplates, fileTemplateVersions, organizations, type TemplateFile } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import type { CreateTemplateInput, PublishVersionInput, UpdateTemplateInput } from "@/server/schemas/filegen";
import { audit } from "../audit/audit";
import { actorUserId, type ServiceContext } from "../context";
import { hold, settle } from "../credits/ledger";
import { slugify, withSuffix } from "../orgs/slug";
import { findOwnTemplate, findVisibleTemplate, readsSources, visibleTo } from "./access";
import { limits } from "./limits";
import { assertParses } from "./render";
import { compareSemver } from "./semver";
import { matchesSearch, searchRank } from "../search";

const searchTextOf = (t: { name: string; description: string; tags: string[] }) => `${t.name} ${t.description} ${t.tags.join(" ")}`;

export function summarize(ctx: ServiceContext, t: FileTemplate) {
  return {
    id: t.id,
    organizationId: t.organizationId,
    name: t.name,
    slug: t.slug,
    description: t.description,
    tags: t.tags,
    visibility: t.visibility,
    latestVersion: t.latestVersion,
    usageCount: t.usageCount,
    stars: t.stars,
    priceCredits: t.priceCredits,
    forkedFromTemplateId: t.forkedFromTemplateId,
    forkedFromVersion: t.forkedFromVersion,
    owned: t.organizationId === ctx.orgId,
    updatedAt: t.updatedAt,
  };
}

async function assertValidSources(ctx: ServiceContext, files: { path: string; content: string; binary?: boolean }[], instructions?: string) {
  const bytes = files.reduce((n, f) => n + f.content.length + f.path.length, 0);
  if (bytes > limits.maxTemplateBytes) throw new AppError("PAYLOAD_TOO_LARGE", `Template sources exceed ${limits.maxTemplateBytes} bytes`);
  const dup = files.map((f) => f.path).find((p, i, all) => all.indexOf(p) !== i);
  if (dup) throw new AppError("BAD_REQUEST", `files: two files have the path template "${dup}"`, { fields: [{ path: "files", message: `duplicate path ${dup}` }] });
  await assertParses(files, instructions, { orgId: ctx.orgId });
}

export async function createTemplate(ctx: ServiceContext, input: CreateTemplateInput, provenance?: { templateId: string; version: string }) {
  await assertValidSources(ctx, input.files, input.instructions);
  const version = input.version ?? "1.0.0";
  return ctx.db.transaction(async (tx) => {
    let slug = slugify(input.name);
    const [taken] = await tx.select({ id: fileTemplates.id }).from(fileTemplates).where(and(eq(fileTemplates.organizationId, ctx.orgId), eq(fileTemplates.slug, slug)));
    if (taken) slug = withSuffix(slug);
    const values = { name: input.name, description: input.description ?? "", tags: [...new Set(input.tags ?? [])] };
    const [t] = await tx
      .insert(fileTemplates)
      .values({
        organizationId: ctx.orgId,
        ownerId: actorUserId(ctx.actor),
        slug,
        ...values,
        visibility: input.visibility ?? "organization",
        latestVersion: version,
        priceCredits: input.priceCredits ?? 0,
        searchText: searchTextOf(values),
        forkedFromTemplateId: provenance?.templateId ?? null,
        forkedFromVersion: provenance?.version ?? null,
      })
      .returning();
    await tx.insert(fileTemplateVersions).values({
      templateId: t!.id,
      version,
      files: input.files,
      variables: input.variables ?? { type: "object", properties: {} },
      instructions: input.instructions ?? "",
      changelog: provenance ? `Forked from ${provenance.templateId}@${provenance.version}` : "First version",
      authorId: actorUserId(ctx.actor),
    });
    await audit({ ...ctx, db: tx }, provenance ? "template.forked" : "template.created", { type: "template", id: t!.id }, { name: t!.name, version });
    return { id: t!.id, slug: t!.slug, version };
  });
}

export async function publishVersion(ctx: ServiceContext, input: PublishVersionInput) {
  await assertValidSources(ctx, input.files, input.instructions);
  return ctx.db.transaction(async (tx) => {
    const t = await findOwnTemplate({ ...ctx, db: tx }, input.templateId);
    if (compareSemver(input.version, t.latestVersion) <= 0) {
      throw new AppError("CONFLICT", `version: ${input.version} must be greater than the latest version ${t.latestVersion}`, {
        fields: [{ path: "version", message: `must be greater than ${t.latestVersion}` }],
      });
    }
    const [prev] = await tx.select().from(fileTemplateVersions).where(and(eq(fileTemplateVersions.templateId, t.id), eq(fileTemplateVersions.version, t.latestVersion)));
    await tx.insert(fileTemplateVersions).values({
      templateId: t.id,
      version: input.version,
      files: input.files,
      variables: input.variables ?? prev?.variables ?? { type: "object", properties: {} },
      instructions: input.instructions ?? prev?.instructions ?? "",
      changelog: input.changelog,
      authorId: actorUserId(ctx.actor),
    });
    await tx.update(fileTemplates).set({ latestVersion: input.version, updatedAt: new Date() }).where(eq(fileTemplates.id, t.id));
    await audit({ ...ctx, db: tx }, "template.version_published", { type: "template", id: t.id }, { version: input.version });
    return { id: t.id, slug: t.slug, version: input.version };
  });
}

export async function updateTemplate(ctx: ServiceContext, input: UpdateTemplateInput) {
  return ctx.db.transaction(async (tx) => {
    const t = await findOwnTemplate({ ...ctx, db: tx }, input.templateId);
    const next = { name: input.name ?? t.name, description: input.description ?? t.description, tags: input.tags ? [...new Set(input.tags)] : t.tags };
    const [updated] = await tx
      .update(fileTemplates)
      .set({ ...next, visibility: input.visibility ?? t.visibility, priceCredits: input.priceCredits ?? t.priceCredits, searchText: searchTextOf(next), updatedAt: new Date() })
      .where(eq(fileTemplates.id, t.id))
      .returning();
    const changed = Object.keys(input).filter((k) => k !== "templateId");
    await audit({ ...ctx, db: tx }, "template.updated", { type: "template", id: t.id }, { changed });
    return summarize(ctx, updated!);
  });
}

/** A version's files as someone who has not bought a paid template sees them: paths and sizes. */
const withoutContents = (files: TemplateFile[]) => files.map((f) => ({ path: f.path, binary: f.binary, size: sourceBytes(f) }));
const sourceBytes = (f: TemplateFile) => (f.binary ? Buffer.from(f.content, "base64").byteLength : Buffer.byteLength(f.content, "utf8"));

async function templateWithVersion(ctx: ServiceContext, input: { id: string; version?: string }) {
  const t = await findVisibleTemplate(ctx, input.id);
  const versions = await ctx.db
    .select({ version: fileTemplateVersions.version, changelog: fileTemplateVersions.changelog, createdAt: fileTemplateVersions.createdAt })
    .from(fileTemplateVersions)
    .where(eq(fileTemplateVersions.templateId, t.id))
    .orderBy(desc(fileTemplateVersions.createdAt));
  const wanted = input.version ?? t.latestVersion;
  const [v] = await ctx.db.select().from(fileTemplateVersions).where(and(eq(fileTemplateVersions.templateId, t.id), eq(fileTemplateVersions.version, wanted)));
  if (!v) throw notFound(`Version ${wanted}`);
  return { t, v, versions };
}

/** A template and one version. A paid template's file contents only reach its publisher and its buyers. */
export async function getTemplate(ctx: ServiceContext, input: { id: string; version?: string }) {
  const { t, v, versions } = await templateWithVersion(ctx, input);
  const sourcesIncluded = await readsSources(ctx, t);
  return {
    ...summarize(ctx, t),
    sourcesIncluded,
    version: {
      id: v.id,
      version: v.version,
      files: sourcesIncluded ? v.files.map((f) => ({ ...f, size: sourceBytes(f) })) : withoutContents(v.files),
      variables: v.variables,
      instructions: v.instructions,
      changelog: v.changelog,
      createdAt: v.createdAt,
    },
    versions,
  };
}

export async function searchTemplates(ctx: ServiceContext, input: { query?: string; tags?: string[]; scope: "all" | "mine" | "public"; limit: number; cursor?: string | null }) {
  const offset = input.cursor ? Math.max(0, Number.parseInt(input.cursor, 10) || 0) : 0;
  const q = input.query?.trim();
  const conds = [visibleTo(ctx)];
  if (input.scope === "mine") conds.push(eq(fileTemplates.organizationId, ctx.orgId));
  if (input.scope === "public") conds.push(eq(fileTemplates.visibility, "public"));
  if (input.tags?.length) conds.push(arrayContains(fileTemplates.tags, input.tags));
  if (q) conds.push(matchesSearch(fileTemplates.searchText, q));
  const rank = q ? searchRank(fileTemplates.searchText, q) : sql<number>`0`;
  const rows = await ctx.db
    .select({ t: fileTemplates, rank, publisher: organizations.name })
    .from(fileTemplates)
    .innerJoin(organizations, eq(organizations.id, fileTemplates.organizationId))
    .where(and(...conds))
    .orderBy(...(q ? [desc(rank)] : []), desc(fileTemplates.usageCount), desc(fileTemplates.updatedAt), fileTemplates.id)
    .limit(input.limit + 1)
    .offset(offset);
  const items = rows.slice(0, input.limit).map((r) => ({ ...summarize(ctx, r.t), publisher: r.publisher }));
  return { items, nextCursor: rows.length > input.limit ? String(offset + input.limit) : null };
}

/** A copy in your organization, with provenance. Forking another organization's paid template buys it: its price is paid once, in the same transaction. */
export async function forkTemplate(ctx: ServiceContext, input: { templateId: string }) {
  const source = await templateWithVersion(ctx, { id: input.templateId });
  const price = source.t.organizationId === ctx.orgId ? 0 : source.t.priceCredits;
  if (price > 0) {
    return ctx.db.transaction(async (tx) => {
      const fork = await copyTemplate({ ...ctx, db: tx }, source);
      const key = `fork:${fork.id}`;
      await hold(tx, { key, buyerOrgId: ctx.orgId, payeeOrgId: source.t.organizationId, amount: price, memo: `Fork of template ${source.t.name} v${source.v.version}`, subject: `template:${fork.id}`, createdBy: actorUserId(ctx.actor) });
      await settle(tx, key);
      return fork;
    });
  }
  return copyTemplate(ctx, source);
}

function copyTemplate(ctx: ServiceContext, { t, v }: Awaited<ReturnType<typeof templateWithVersion>>) {
  return createTemplate(
    ctx,
    {
      name: t.organizationId === ctx.orgId ? `${t.name} (fork)` : t.name,
      description: t.description,
      tags: t.tags,
      visibility: "organization",
      files: v.files,
      variables: v.variables,
      instructions: v.instructions,
      version: "1.0.0",
    },
    { templateId: t.id, version: v.version },
  );
}
