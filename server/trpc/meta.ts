import "server-only";
// What a procedure declares about itself. The MCP tools, REST routes and permission checks
// are all derived from this one declaration.
import type { Scope } from "@/server/services/permissions";

export type ProcedureKind = "read" | "write" | "destructive";

export interface ProcedureMeta {
  /** Scope needed: checked against the member's role and, for API keys, the key's scopes. */
  scope?: Scope;
  kind?: ProcedureKind;
  /** MCP tool name, `<domain>_<verb>`; procedures without one are not tools. */
  tool?: string;
  /** Written for a model: what it does, when to use it, what it returns. */
  description?: string;
  /** REST route under /api/v1, e.g. { method: "GET", path: "/tasks/{id}" }. */
  rest?: { method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE"; path: string };
  /** Safe to repeat with the same input (MCP idempotentHint). Reads are always idempotent. */
  idempotent?: boolean;
}
