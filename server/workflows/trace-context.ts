import "server-only";
// Workflow events carry the W3C trace context of whoever sent them (`traceparent` in their data),
// so the run they start — on this instance, another one, or Inngest — continues the same trace.
import { traceHeaders } from "@/server/adapters/tracing";
import type { WorkflowEventPayload } from "./types";

export function withTraceContext(events: WorkflowEventPayload[]): WorkflowEventPayload[] {
  const headers = traceHeaders();
  if (!headers.traceparent) return events;
  return events.map((e) => ({ ...e, data: { ...headers, ...e.data } }));
}
