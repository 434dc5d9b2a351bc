import "server-only";
import {
  createTemplateInput,
  diffInput,
  diffOutput,
  getTemplateInput,
  previewInput,
  previewOutput,
  publishVersionInput,
  searchTemplatesInput,
  templateDetail,
  templateIdInput,
  templateRef,
  templateSummary,
  updateTemplateInput,
} from "@/server/schemas/filegen";
import { page } from "@/server/schemas/common";
import { diffVersions } from "@/server/services/filegen/diff";
import { previewTemplate } from "@/server/services/filegen/preview";
import { createTemplate, forkTemplate, getTemplate, publishVersion, searchTemplates, updateTemplate } from "@/server/services/filegen/templates";
import { orgProcedure, router } from "../trpc/init";

export const templatesRouter = router({
  search: orgProcedure
    .meta({
      scope: "templates:read",
      kind: "read",
      tool: "templates_search",
      rest: { method: "GET", path: "/templates" },
      description:
        "Find file templates by full-text query and tags, among your organization's templates and public ones, best match first. Returns summaries (id, slug, name, tags, latest version); pass an id to templates_get for files and variables, or to generations_create to render it.",
    })
    .input(searchTemplatesInput)
    .output(page(templateSummary))
    .query(({ ctx, input }) => searchTemplates(ctx.svc, input)),

  get: orgProcedure
    .meta({
      scope: "templates:read",
      kind: "read",
      tool: "templates_get",
      rest: { method: "GET", path: "/templates/{id}" },
      description:
        "Read one template by id or slug: its metadata, a version's files (Liquid sources), variables JSON Schema and instructions (latest version unless `version` is given), and the version history. Another organization's paid template shows its files' paths and sizes only (sourcesIncluded: false) until you buy it with templates_fork; generating from it needs no sources. Read the variables schema before calling generations_create.",
    })
    .input(getTemplateInput)
    .output(templateDetail)
    .query(({ ctx, input }) => getTemplate(ctx.svc, input)),

  create: orgProcedure
    .meta({
      scope: "templates:write",
      kind: "write",
      tool: "templates_create",
      rest: { method: "POST", path: "/templates" },
      description:
        "Create a file template in your organization. Each file's path and content are Liquid templates over the variables (a path that renders empty skips the file); `variables` is a JSON Schema object (types, enum, default, required) that validates inputs; `instructions` is Liquid Markdown returned with generated files. Syntax errors name file, line and column. Returns {id, slug, version}.",
    })
    .input(createTemplateInput)
    .output(templateRef)
    .mutation(({ ctx, input }) => createTemplate(ctx.svc, input)),

  update: orgProcedure
    .meta({
      scope: "templates:write",
      kind: "write",
      idempotent: true,
      tool: "templates_update",
      rest: { method: "PATCH", path: "/templates/{templateId}" },
      description: "Change a template's name, description, tags, visibility or price. Files change only by publishing a new version (templates_publish).",
    })
    .input(updateTemplateInput)
    .output(templateSummary)
    .mutation(({ ctx, input }) => updateTemplate(ctx.svc, input)),

  publish: orgProcedure
    .meta({
      scope: "templates:write",
      kind: "write",
      tool: "templates_publish",
      rest: { method: "POST", path: "/templates/{templateId}/versions" },
      description:
        "Publish a new immutable version of one of your templates: a semantic version greater than the latest, the full file list, and optionally new variables and instructions (kept from the previous version when omitted), with a changelog.",
    })
    .input(publishVersionInput)
    .output(templateRef)
    .mutation(({ ctx, input }) => publishVersion(ctx.svc, input)),

  fork: orgProcedure
    .meta({
      scope: "templates:write",
      kind: "write",
      tool: "templates_fork",
      rest: { method: "POST", path: "/templates/{templateId}/fork" },
      description:
        "Copy a public template (or one of your own) into your organization as a new template at version 1.0.0, recording where it came from. Forking another organization's paid template (priceCredits > 0) pays its price once from your credits. Returns {id, slug, version}.",
    })
    .input(templateIdInput)
    .output(templateRef)
    .mutation(({ ctx, input }) => forkTemplate(ctx.svc, input)),

  diff: orgProcedure
    .meta({
      scope: "templates:read",
      kind: "read",
      tool: "templates_diff",
      rest: { method: "GET", path: "/templates/{templateId}/diff" },
      description: "Compare two versions of a template: each added, removed or changed file with a unified diff (names only for a paid template you have not bought), and whether the variables or instructions changed.",
    })
    .input(diffInput)
    .output(diffOutput)
    .query(({ ctx, input }) => diffVersions(ctx.svc, input)),

  preview: orgProcedure
    .meta({
      scope: "templates:read",
      kind: "read",
      tool: "templates_preview",
      rest: { method: "POST", path: "/templates/preview" },
      description:
        "Render template sources with sample values without saving anything. Returns the rendered files and instructions, or the problems found (file, line, column, message) and the variables that do not fit the schema. Use it to check a template before templates_create.",
    })
    .input(previewInput)
    .output(previewOutput)
    .mutation(({ ctx, input }) => previewTemplate(input, { orgId: ctx.svc.orgId })),
});
