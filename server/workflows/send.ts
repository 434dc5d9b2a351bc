import "server-only";
// Sending events to whichever engine runs the workflows. Kept apart from the engine (which loads
// every workflow) so that services can emit without importing the workflows that call them.
import type { DbOrTx } from "@/db/client";
import { env } from "@/server/env";
import { createInngestClient, type InngestConfig, isInngestConfigured } from "./inngest";
import { sendEvent } from "./runner/events";
import { withTraceContext } from "./trace-context";
import type { WorkflowEventPayload } from "./types";

export const inngestConfig: InngestConfig = {
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  baseUrl: env.INNGEST_BASE_URL,
  isDev: env.INNGEST_DEV,
};
export const usesInngest = isInngestConfigured(inngestConfig);

const g = globalThis as unknown as { __cmpInngest?: ReturnType<typeof createInngestClient> };

export function inngestClient() {
  g.__cmpInngest ??= createInngestClient(inngestConfig);
  return g.__cmpInngest;
}

/** Sends events to whichever engine runs the workflows. */
export async function emit(db: DbOrTx, events: WorkflowEventPayload | WorkflowEventPayload[]): Promise<{ ids: string[] }> {
  if (usesInngest) {
    const list = withTraceContext(Array.isArray(events) ? events : [events]);
    return inngestClient().send(list.map((e) => ({ name: e.name, data: e.data, id: e.id })));
  }
  return sendEvent(db, events);
}
