import "server-only";
// The realtime bus's one interface. Publishing is always pg_notify inside the writer's transaction
// (so listeners hear only committed changes); what differs is how a database's notifications are
// heard — a NotifyTransport, one per kind of database, chosen in db-channel.ts.
export type Listener = (payload: unknown) => void;

export interface NotifyTransport {
  /** Hears `channel` on this database, calling `onPayload` with each notification's text. */
  listen(channel: string, onPayload: (raw: string | undefined) => void): Promise<void>;
}
