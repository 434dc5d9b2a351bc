import { z } from "zod";
import { cursorField, uuid } from "./common";

export const visibility = z.enum(["private", "organization", "public"]);
export const format = z.enum(["json", "zip", "git"]);
export const semver = z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, "must be a semantic version such as 1.2.0");

export const templateFile = z.object({
  path: z.string().min(1, "is required").max(4096),
  content: z.string().max(5 * 1024 * 1024, "must be at most 5 MiB"),
  binary: z.boolean().optional().describe("content is base64 and passes through unrendered"),
});

const variableSchema: z.ZodType<Record<string, unknown>> = z.record(z.string(), z.unknown());
export const variablesSchema = z
  .object({
    type: z.literal("object").optional(),
    properties: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "variable names are letters, digits and _"), variableSchema).optional(),
    required: z.array(z.string()).optional(),
  })
  .passthrough()
  .describe("JSON Schema subset: properties with type, enum, default, description, minLength/maxLength, pattern, minimum/maximum; required");

const files = z.array(templateFile).min(1, "a template needs at least one file").max(2000, "at most 2000 files");
const tags = z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9+#.-]{0,31}$/, "tags are short lowercase words")).max(20);

export const createTemplateInput = z.object({
  name: z.string().trim().min(2, "must be at least 2 characters").max(80),
  description: z.string().max(2000).optional(),
  tags: tags.optional(),
  visibility: visibility.optional(),
  files,
  variables: variablesSchema.optional(),
  instructions: z.string().max(100_000).optional(),
  version: semver.optional(),
  priceCredits: z.number().int().min(0).max(1_000_000).optional(),
});
export type CreateTemplateInput = z.infer<typeof createTemplateInput>;

export const updateTemplateInput = z.object({
  templateId: uuid("templateId"),
  name: z.string().trim().min(2, "must be at least 2 characters").max(80).optional(),
  description: z.string().max(2000).optional(),
  tags: tags.optional(),
  visibility: visibility.optional(),
  priceCredits: z.number().int().min(0).max(1_000_000).optional(),
});

export type UpdateTemplateInput = z.infer<typeof updateTemplateInput>;

export const publishVersionInput = z.object({
  templateId: uuid("templateId"),
  version: semver,
  files,
  variables: variablesSchema.optional(),
  instructions: z.string().max(100_000).optional(),
  changelog: z.string().max(10_000).default(""),
});
export type PublishVersionInput = z.infer<typeof publishVersionInput>;

export const getTemplateInput = z.object({
  id: z.string().min(1).max(120).describe("the template's id, or its slug in your organization"),
  version: semver.optional(),
});

export const searchTemplatesInput = z
  .object({
    query: z.string().max(200).optional(),
    tags: z.array(z.string().max(32)).max(10).optional(),
    scope: z.enum(["all", "mine", "public"]).default("all"),
    limit: z.number().int().min(1).max(50).default(20),
    cursor: cursorField,
  })
  .default({ scope: "all", limit: 20 });

export const templateIdInput = z.object({ templateId: uuid("templateId") });
export const diffInput = z.object({ templateId: uuid("templateId"), from: semver, to: semver });

export const previewInput = z.object({
  files,
  variables: variablesSchema.optional(),
  values: z.record(z.string(), z.unknown()).default({}),
  instructions: z.string().max(100_000).optional(),
});

export const createGenerationInput = z.object({
  templateId: z.string().min(1).max(120).describe("template id or slug"),
  version: semver.optional().describe("defaults to the latest version"),
  variables: z.record(z.string(), z.unknown()).default({}),
  format: format.default("zip"),
  push: z
    .object({
      url: z.url({ protocol: /^https?$/, message: "must be an http(s) Git URL" }).max(2000),
      token: z.string().max(500).optional().describe("used for this push only; never stored"),
      branch: z.string().regex(/^[A-Za-z0-9._/-]{1,100}$/, "must be a branch name").optional(),
      force: z.boolean().optional(),
    })
    .optional()
    .describe("with format git: also push the commit to this remote"),
}).refine((g) => !g.push || g.format === "git", { message: "push needs format git", path: ["push"] });
export type CreateGenerationInput = z.infer<typeof createGenerationInput>;

export const generationIdInput = z.object({ id: uuid(), includeContent: z.boolean().default(false).describe("include every file's content, whatever the format") });
export const listGenerationsInput = z.object({ limit: z.number().int().min(1).max(100).default(20), cursor: cursorField }).default({ limit: 20 });

export const templateSummary = z.object({
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  visibility,
  latestVersion: z.string(),
  usageCount: z.number(),
  stars: z.number(),
  priceCredits: z.number(),
  forkedFromTemplateId: z.string().nullable(),
  forkedFromVersion: z.string().nullable(),
  owned: z.boolean(),
  publisher: z.string().optional().describe("the publishing organization's name (in search results)"),
  updatedAt: z.date(),
});

export const generatedFile = z.object({
  path: z.string(),
  size: z.number(),
  sha256: z.string(),
  encoding: z.enum(["utf8", "base64"]).optional(),
  content: z.string().optional(),
});

export const generationOutput = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  templateId: z.string(),
  version: z.string(),
  format,
  progress: z.number(),
  fileCount: z.number().nullable(),
  bytes: z.number().nullable(),
  durationMs: z.number().nullable(),
  files: z.array(generatedFile).optional(),
  downloadUrl: z.string().optional(),
  cloneUrl: z.string().optional(),
  instructions: z.string().nullable(),
  error: z.object({ message: z.string(), fields: z.array(z.object({ path: z.string(), message: z.string() })).optional() }).nullable(),
  reused: z.boolean(),
  createdAt: z.date(),
  pushed: z.object({ url: z.string(), branch: z.string(), commit: z.string() }).optional(),
});
export type GenerationOutput = z.infer<typeof generationOutput>;

export const templateRef = z.object({ id: z.string(), slug: z.string(), version: z.string() });

/** A stored template file as read back: without `content` when the reader has not bought a paid template. */
const storedTemplateFile = z.object({
  path: z.string(),
  content: z.string().optional(),
  binary: z.boolean().optional(),
  size: z.number().int().describe("bytes of the source"),
});

export const templateDetail = templateSummary.extend({
  sourcesIncluded: z.boolean().describe("false for another organization's paid template you have not bought (forked): files then list path and size only"),
  version: z.object({
    id: z.string(),
    version: z.string(),
    files: z.array(storedTemplateFile),
    variables: z.record(z.string(), z.unknown()),
    instructions: z.string(),
    changelog: z.string(),
    createdAt: z.date(),
  }),
  versions: z.array(z.object({ version: z.string(), changelog: z.string(), createdAt: z.date() })),
});

export const renderProblem = z.object({ file: z.string(), part: z.enum(["path", "content", "instructions"]), line: z.number().nullable(), column: z.number().nullable(), message: z.string() });

export const previewOutput = z.object({
  files: z.array(generatedFile),
  instructions: z.string(),
  problems: z.array(renderProblem).describe("every problem found, in file order: the first 50 when there are more"),
  problemCount: z.number().int().describe("how many problems were found in all (problems lists at most 50)"),
  variables: z.array(z.object({ path: z.string(), message: z.string() })),
});

export const diffOutput = z.object({
  templateId: z.string(),
  from: z.string(),
  to: z.string(),
  sourcesIncluded: z.boolean().describe("false for a paid template you have not bought: files then name what changed without the diff"),
  files: z.array(z.object({ path: z.string(), status: z.enum(["added", "removed", "changed"]), diff: z.string() })),
  variablesChanged: z.boolean(),
  instructionsChanged: z.boolean(),
});

export const generationListItem = generationOutput.extend({ templateName: z.string(), templateSlug: z.string() });
