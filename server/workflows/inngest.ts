import "server-only";
// The Inngest binding: the same definitions become Inngest functions when Inngest is configured.
import { Inngest, type InngestFunction } from "inngest";
import type { WorkflowDefinition } from "./types";

export interface InngestConfig {
  eventKey?: string;
  signingKey?: string;
  baseUrl?: string;
  isDev?: boolean;
}

export function createInngestClient(cfg: InngestConfig) {
  return new Inngest({ id: "cloud-mcp", eventKey: cfg.eventKey, signingKey: cfg.signingKey, baseUrl: cfg.baseUrl, isDev: cfg.isDev });
}

export function toInngestFunction(client: ReturnType<typeof createInngestClient>, def: WorkflowDefinition): InngestFunction.Any {
  const o = def.options;
  const options = {
    id: o.id,
    name: o.name,
    triggers: o.triggers,
    retries: o.retries as never,
    ...(o.concurrency ? { concurrency: o.concurrency.key ? { limit: o.concurrency.limit, key: o.concurrency.key } : { limit: o.concurrency.limit } } : {}),
    ...(o.priority ? { priority: o.priority } : {}),
    ...(o.cancelOn ? { cancelOn: o.cancelOn.map((c) => ({ event: c.event, match: c.match })) } : {}),
    ...(def.onFailure ? { onFailure: (ctx: never) => def.onFailure!(ctx) } : {}),
  };
  // Inngest's step tools are a superset of ours, so the handler runs unchanged.
  return client.createFunction(options as never, ((ctx: never) => def.handler(ctx)) as never) as unknown as InngestFunction.Any;
}

export function isInngestConfigured(cfg: InngestConfig): boolean {
  return Boolean(cfg.eventKey || cfg.signingKey || cfg.baseUrl || cfg.isDev);
}
