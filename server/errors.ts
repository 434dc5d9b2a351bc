import "server-only";
// The one error type services throw. Each surface (tRPC, MCP, REST) maps it in one place.
export const appErrorCodes = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
} as const;
export type AppErrorCode = keyof typeof appErrorCodes;

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `variables.name`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly details?: { fields?: FieldIssue[]; retryAfterSeconds?: number; [k: string]: unknown },
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return appErrorCodes[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
