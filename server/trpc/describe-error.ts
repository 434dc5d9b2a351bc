import "server-only";
// One translation of a procedure's failure for the non-tRPC surfaces (MCP and REST).
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { AppError, type FieldIssue } from "@/server/errors";
import { fieldIssuesOf } from "./init";

export interface DescribedError {
  code: string;
  status: number;
  message: string;
  fields?: FieldIssue[];
  retryAfterSeconds?: number;
}

export function describeError(err: unknown): DescribedError {
  const trpc = err instanceof TRPCError ? err : null;
  const cause = trpc?.cause ?? err;
  if (cause instanceof ZodError) {
    const fields = fieldIssuesOf(cause) ?? [];
    return { code: "BAD_REQUEST", status: 400, message: `Invalid input: ${fields.map((f) => `${f.path}: ${f.message}`).join("; ")}`, fields };
  }
  if (cause instanceof AppError) {
    return { code: cause.code, status: cause.status, message: cause.message, fields: cause.details?.fields, retryAfterSeconds: cause.details?.retryAfterSeconds };
  }
  if (trpc && trpc.code !== "INTERNAL_SERVER_ERROR") {
    return { code: trpc.code, status: getHTTPStatusCodeFromError(trpc), message: trpc.message };
  }
  return { code: "INTERNAL_SERVER_ERROR", status: 500, message: "Internal error" };
}
