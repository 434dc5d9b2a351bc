import "server-only";
// Wake-ups: sending an event or finishing a step wakes the runners of this process at once, and
// other instances hear it over the database channel (pg_notify in the sender's transaction), so an
// idle runner can wait long between polls without delaying anyone's work. The
// listeners live on globalThis: Next's server build may load this module more than once (the
// runner started at boot and a route that enqueues can hold different copies), and a wake-up from
// one copy must still reach a runner subscribed through another.
import type { DbHandle, DbOrTx } from "@/db/client";
import { attachChannel, publish, subscribeChannel } from "@/server/adapters/pubsub/db-channel";

export const RUNNER_WAKE_CHANNEL = "cmp_runner_wake";

const g = globalThis as unknown as { __cmpWakeListeners?: Set<() => void> };
const listeners = (g.__cmpWakeListeners ??= new Set());

export function onWake(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function wakeRunners() {
  for (const fn of listeners) fn();
}

/** Wakes the runners of every instance once the surrounding transaction commits. */
export async function notifyRunners(tx: DbOrTx): Promise<void> {
  await publish(tx, RUNNER_WAKE_CHANNEL, 1);
}

/** Lets this process's runners hear other instances' wake-ups (server start-up). */
export async function listenForRunnerWakeups(handle: DbHandle): Promise<void> {
  await attachChannel(handle, RUNNER_WAKE_CHANNEL);
  const gl = globalThis as unknown as { __cmpWakeBridged?: boolean };
  if (!gl.__cmpWakeBridged) subscribeChannel(RUNNER_WAKE_CHANNEL, wakeRunners);
  gl.__cmpWakeBridged = true;
}
