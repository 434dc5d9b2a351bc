import "server-only";
// oidc-provider's storage in the database (one table, keyed by model and id), so every instance
// sees the same codes, tokens and grants, and a revoke is a delete that every instance sees at
// once. Client lookups of an https client_id go to its Client ID Metadata Document instead.
import { and, eq, lt } from "drizzle-orm";
import type { Adapter, AdapterPayload } from "oidc-provider";
import type { Db, DbOrTx } from "@/db/client";
import { oauthConnections, oauthRecords } from "@/db/schema";
import { fetchClientMetadata, isMetadataClientId } from "./client-metadata";
import type { ClientMetadataCache } from "./client-metadata-cache";

export interface AdapterOptions {
  db: Db;
  /** Let client metadata documents live on loopback/private hosts (WEBHOOK_ALLOW_PRIVATE): tests and development. */
  allowPrivate: boolean;
  /** Where fetched client metadata documents are kept between lookups. */
  clientMetadata: ClientMetadataCache;
}

/** Every this many writes, a process deletes the records that have expired (the table stays small). */
const PRUNE_EVERY = 200;
let writes = 0;

/** Deletes expired codes, tokens, sessions and interactions; returns how many. */
export async function pruneExpiredRecords(db: DbOrTx, now = new Date()): Promise<number> {
  const gone = await db.delete(oauthRecords).where(lt(oauthRecords.expiresAt, now)).returning({ id: oauthRecords.id });
  return gone.length;
}

const expiry = (expiresIn: number | undefined) => (expiresIn ? new Date(Date.now() + expiresIn * 1000) : null);

export function adapterFactory(opts: AdapterOptions) {
  return class DbAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        model: this.model,
        id,
        payload,
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        expiresAt: expiry(expiresIn),
      };
      await opts.db
        .insert(oauthRecords)
        .values(row)
        .onConflictDoUpdate({ target: [oauthRecords.model, oauthRecords.id], set: { payload, grantId: row.grantId, uid: row.uid, userCode: row.userCode, expiresAt: row.expiresAt } });
      if (++writes % PRUNE_EVERY === 0) await pruneExpiredRecords(opts.db);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === "Client" && isMetadataClientId(id, opts.allowPrivate)) {
        const metadata = await opts.clientMetadata.get(id, () => fetchClientMetadata(id, opts.allowPrivate));
        // A copy: the cached document is shared by every lookup.
        return metadata && (structuredClone(metadata) as AdapterPayload);
      }
      return this.findWhere(eq(oauthRecords.id, id));
    }

    findByUid(uid: string) {
      return this.findWhere(eq(oauthRecords.uid, uid));
    }

    findByUserCode(userCode: string) {
      return this.findWhere(eq(oauthRecords.userCode, userCode));
    }

    private async findWhere(cond: ReturnType<typeof eq>): Promise<AdapterPayload | undefined> {
      const [row] = await opts.db.select().from(oauthRecords).where(and(eq(oauthRecords.model, this.model), cond)).limit(1);
      if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return undefined;
      const payload = row.payload as AdapterPayload;
      return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
    }

    async consume(id: string): Promise<void> {
      await opts.db.update(oauthRecords).set({ consumedAt: new Date() }).where(and(eq(oauthRecords.model, this.model), eq(oauthRecords.id, id)));
    }

    async destroy(id: string): Promise<void> {
      await opts.db.delete(oauthRecords).where(and(eq(oauthRecords.model, this.model), eq(oauthRecords.id, id)));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await revokeGrantRecords(opts.db, grantId);
    }
  };
}

/**
 * Deletes every code and token issued under a grant, the grant and its connection: none works
 * after this (a revoke in Settings, a refresh token or code used twice, the revocation endpoint).
 */
export async function revokeGrantRecords(db: DbOrTx, grantId: string): Promise<void> {
  await db.delete(oauthRecords).where(eq(oauthRecords.grantId, grantId));
  await db.delete(oauthRecords).where(and(eq(oauthRecords.model, "Grant"), eq(oauthRecords.id, grantId)));
  await db.delete(oauthConnections).where(eq(oauthConnections.grantId, grantId));
}
