import "server-only";
// Structured JSON logs. Secrets are redacted by key wherever they appear.
import pino from "pino";
import { env } from "./env";

export const logger = pino({
  level: env.NODE_ENV === "test" ? "silent" : env.LOG_LEVEL,
  base: { service: "cloud-mcp" },
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
