// File generation: templates with immutable versions, and the generations made from them.
import { sql } from "drizzle-orm";
import { index, integer, json, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./orgs";

export type TemplateVisibility = "private" | "organization" | "public";

export interface TemplateFile {
  /** Liquid template of the path; a path that renders empty skips the file. */
  path: string;
  /** Liquid template of the content, or base64 when `binary`. */
  content: string;
  binary?: boolean;
}

export const fileTemplates = pgTable(
  "file_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    visibility: text("visibility").$type<TemplateVisibility>().notNull().default("organization"),
    usageCount: integer("usage_count").notNull().default(0),
    stars: integer("stars").notNull().default(0),
    latestVersion: text("latest_version").notNull(),
    forkedFromTemplateId: uuid("forked_from_template_id"),
    forkedFromVersion: text("forked_from_version"),
    priceCredits: integer("price_credits").notNull().default(0),
    /** Name, description and tags, kept by the service, for full-text search. */
    searchText: text("search_text").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("file_templates_org_slug").on(t.organizationId, t.slug),
    index("file_templates_search_idx").using("gin", sql`to_tsvector('english', ${t.searchText})`),
    index("file_templates_tags_idx").using("gin", t.tags),
    index("file_templates_visibility_idx").on(t.visibility),
  ],
);
export type FileTemplate = typeof fileTemplates.$inferSelect;

export const fileTemplateVersions = pgTable(
  "file_template_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    templateId: uuid("template_id")
      .notNull()
      .references(() => fileTemplates.id, { onDelete: "cascade" }),
    version: text("version").notNull(),
    files: jsonb("files").$type<TemplateFile[]>().notNull(),
    /** json, not jsonb: the schema keeps its author's property order (it is the order of the generated form). */
    variables: json("variables").$type<Record<string, unknown>>().notNull(),
    instructions: text("instructions").notNull().default(""),
    changelog: text("changelog").notNull().default(""),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("file_template_versions_template_version").on(t.templateId, t.version)],
);
export type FileTemplateVersion = typeof fileTemplateVersions.$inferSelect;

export type GenerationFormat = "json" | "zip" | "git";
export type GenerationStatus = "queued" | "running" | "succeeded" | "failed";

export const generations = pgTable(
  "generations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    templateId: uuid("template_id").notNull(),
    templateVersionId: uuid("template_version_id")
      .notNull()
      .references(() => fileTemplateVersions.id, { onDelete: "cascade" }),
    version: text("version").notNull(),
    variables: jsonb("variables").$type<Record<string, unknown>>().notNull(),
    variablesHash: text("variables_hash").notNull(),
    format: text("format").$type<GenerationFormat>().notNull(),
    status: text("status").$type<GenerationStatus>().notNull().default("queued"),
    progress: integer("progress").notNull().default(0),
    fileCount: integer("file_count"),
    bytes: integer("bytes"),
    durationMs: integer("duration_ms"),
    /** Blob keys of the stored output: { manifest, zip?, git? }. */
    outputKeys: jsonb("output_keys").$type<Record<string, string> | null>(),
    instructions: text("instructions"),
    error: jsonb("error").$type<{ message: string; fields?: { path: string; message: string }[] } | null>(),
    /** The generation whose stored output this one reuses (same version, variables and format). */
    reusedFromId: uuid("reused_from_id"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("generations_org_created_idx").on(t.organizationId, t.createdAt),
    index("generations_cache_idx").on(t.templateVersionId, t.variablesHash, t.format, t.status),
  ],
);
export type Generation = typeof generations.$inferSelect;
