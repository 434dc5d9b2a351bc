import "server-only";
// Signals between app instances over the database they share: published with pg_notify inside
// the writer's transaction (so listeners hear only committed changes), heard by one LISTEN per
// database handle and channel, and fanned out to this process's subscribers. PostgreSQL carries
// them across instances; PGlite within the embedded process. One transport for live task events
// and cache invalidation.
import { sql } from "drizzle-orm";
import type { DbHandle, DbOrTx } from "@/db/client";

type Listener = (payload: unknown) => void;
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
  const onPayload = (raw: string | undefined) => deliver(channel, raw);
  if (handle.kind === "postgres") await handle.client.listen(channel, onPayload);
  else await handle.client.listen(channel, onPayload);
}

/** Receives what is published on `channel` (from any attached handle) until the returned function is called. */
export function subscribeChannel(channel: string, fn: Listener): () => void {
  const set = state.listeners.get(channel) ?? new Set<Listener>();
  state.listeners.set(channel, set);
  set.add(fn);
  return () => set.delete(fn);
}
