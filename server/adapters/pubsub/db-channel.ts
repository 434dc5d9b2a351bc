import "server-only";
// The realtime bus: signals between app instances over the database they share, published with
// pg_notify inside the writer's transaction (so listeners hear only committed changes), heard by one
// LISTEN per database handle and channel through that database's transport, and fanned out to this
// process's subscribers. PostgreSQL carries them across instances (postgres.ts); PGlite within the
// embedded process (pglite.ts). One bus for live task events (task-events.ts) and cache invalidation.
import { sql } from "drizzle-orm";
import type { DbHandle, DbOrTx } from "@/db/client";
import { pgliteTransport } from "./pglite";
import { postgresTransport } from "./postgres";
import type { Listener, NotifyTransport } from "./types";
const g = globalThis as unknown as { __cmpChannels?: { listeners: Map<string, Set<Listener>>; attached: WeakMap<object, Set<string>> } };
const state = (g.__cmpChannels ??= { listeners: new Map(), attached: new WeakMap() });

/** Queues `payload` (JSON) on `channel`, delivered when the surrounding transaction commits. */
export async function publish(tx: DbOrTx, channel: string, payload: unknown): Promise<void> {
  await tx.execute(sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`);
}

function deliver(channel: string, raw: string | undefined) {
  if (!raw) return;
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return;
  }
  for (const fn of state.listeners.get(channel) ?? []) fn(payload);
}

/** Starts hearing `channel` on a database (once per handle and channel). */
export async function attachChannel(handle: DbHandle, channel: string): Promise<void> {
  const attached = state.attached.get(handle.client) ?? new Set<string>();
  state.attached.set(handle.client, attached);
  if (attached.has(channel)) return;
  attached.add(channel);
  try {
    await transportFor(handle).listen(channel, (raw) => deliver(channel, raw));
  } catch (err) {
    attached.delete(channel); // a later attach tries again
    throw err;
  }
}

/** The one place the transport is chosen: by the database the process opened (server/env's DATABASE_URL). */
export function transportFor(handle: DbHandle): NotifyTransport {
  return handle.kind === "postgres" ? postgresTransport(handle.client) : pgliteTransport(handle.client);
}

/** Receives what is published on `channel` (from any attached handle) until the returned function is called. */
export function subscribeChannel(channel: string, fn: Listener): () => void {
  const set = state.listeners.get(channel) ?? new Set<Listener>();
  state.listeners.set(channel, set);
  set.add(fn);
  return () => set.delete(fn);
}
