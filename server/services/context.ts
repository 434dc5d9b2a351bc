import "server-only";
// What every service function receives: the database (or a transaction), the tenant and who acts.
// Services never read process.env or Next.js APIs, so they run the same from a request,
// a workflow step, a test or the CLI.
import type { DbOrTx } from "@/db/client";
import type { Role } from "@/db/schema";
import type { BlobStorage } from "@/server/adapters/storage/types";

export type Actor =
  | { type: "user"; userId: string; label: string }
  | { type: "apiKey"; keyId: string; userId: string | null; label: string }
  | { type: "system"; label: string };

export interface ServiceContext {
  db: DbOrTx;
  /** The organization every read and write is scoped to. */
  orgId: string;
  actor: Actor;
  /** The actor's role in orgId (an API key acts with its creator's role, capped by its scopes). */
  role?: Role;
  /** When an API key acts: the scopes it holds (what it may hand on to a key it creates). */
  keyScopes?: readonly string[] | null;
  /** The organization's plan, when the request already knows it (quotas then skip a lookup). */
  plan?: string;
  /** Client IP for the audit log, when known. */
  ip?: string | null;
}

export const systemActor: Actor = { type: "system", label: "system" };

/** The user id behind an actor, if any (API keys remember who created them). */
export function actorUserId(actor: Actor): string | null {
  return actor.type === "user" ? actor.userId : actor.type === "apiKey" ? actor.userId : null;
}

/** Signs and opens expiring links (downloads, clones); the secret stays with whoever built it. */
export interface LinkSigner {
  sign(sub: string, ttlSeconds: number): string;
  /** The link's subject, or null when it is forged or expired. */
  open(token: string): string | null;
}

/**
 * What services need from the process rather than the request: built once from server/env by the
 * composition root (server/deps.ts), and built by hand in a test, a bench or a worker.
 */
export interface ServiceDeps {
  storage: BlobStorage;
  signer: LinkSigner;
  /** Milliseconds since the epoch. */
  clock: () => number;
  /** The app's public origin, for links. */
  appUrl: string;
}
