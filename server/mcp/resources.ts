import "server-only";
// MCP resources: each domain adds a provider (templates, generated files) answering a URI prefix.
import type { Resource, ResourceTemplate } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "@/server/errors";
import type { Context } from "@/server/trpc/context";
import { generationResources, templateResources } from "./filegen-resources";

export interface ResourceProvider {
  /** URI prefix this provider answers, e.g. `cmp://templates/`. */
  prefix: string;
  template: ResourceTemplate;
  list(ctx: Context): Promise<Resource[]>;
  /** Values for one of the URI template's variables, from what has been typed so far. */
  complete?(ctx: Context, variable: string, value: string): Promise<string[]>;
  read(ctx: Context, uri: string): Promise<{ uri: string; mimeType?: string; text?: string; blob?: string }[]>;
}

const providers: ResourceProvider[] = [templateResources, generationResources];

export const mcpResources = {
  get templates(): ResourceTemplate[] {
    return providers.map((p) => p.template);
  },
  async list(ctx: Context): Promise<Resource[]> {
    return (await Promise.all(providers.map((p) => p.list(ctx).catch(() => [])))).flat();
  },
  async complete(ctx: Context, uriTemplate: string, variable: string, value: string): Promise<string[]> {
    const p = providers.find((x) => x.template.uriTemplate === uriTemplate);
    return (await p?.complete?.(ctx, variable, value)) ?? [];
  },
  async read(ctx: Context, uri: string) {
    const p = providers.find((x) => uri.startsWith(x.prefix));
    if (!p) throw new AppError("NOT_FOUND", `No resource at ${uri}`);
    return p.read(ctx, uri);
  },
};
