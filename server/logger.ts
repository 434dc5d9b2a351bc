import "server-only";
// Structured JSON logs. Secrets are redacted by key wherever they appear.
import { trace } from "@opentelemetry/api";
import pino from "pino";
import { env } from "./env";

export const logger = pino({
  level: env.NODE_ENV === "test" ? "silent" : env.LOG_LEVEL,
  base: { service: "cloud-mcp" },
  // Every line written inside a traced request, procedure or workflow step names its trace and span.
  mixin() {
    const sc = trace.getActiveSpan()?.spanContext();
    return sc && trace.isSpanContextValid(sc) ? { trace_id: sc.traceId, span_id: sc.spanId } : {};
  },
  redact: {
    paths: [
      "password",
      "*.password",
      "secret",
      "*.secret",
      "token",
      "*.token",
      "apiKey",
      "*.apiKey",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "headers.cookie",
      "*.signingSecret",
      "*.push.token",
      "push.token",
    ],
    censor: "[redacted]",
  },
});
export type Logger = pino.Logger;
