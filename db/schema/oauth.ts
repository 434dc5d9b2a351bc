// OAuth 2.1 for MCP clients: oidc-provider's own records (codes, tokens, grants, registered
// clients, interactions) in one table keyed by model and id, and the connections people approved
// (which organization a grant acts in), listed and revoked in Settings → Connected apps.
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./orgs";

export const oauthRecords = pgTable(
  "oauth_records",
  {
    /** oidc-provider's model name: AccessToken, RefreshToken, AuthorizationCode, Grant, Client, Interaction, Session… */
    model: text("model").notNull(),
    id: text("id").notNull(),
    payload: jsonb("payload").notNull(),
    grantId: text("grant_id"),
    uid: text("uid"),
    userCode: text("user_code"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.model, t.id] }), index("oauth_records_grant_idx").on(t.grantId), index("oauth_records_uid_idx").on(t.uid)],
);
export type OAuthRecord = typeof oauthRecords.$inferSelect;

export const oauthConnections = pgTable(
  "oauth_connections",
  {
    /** oidc-provider's grant id: every code and token issued under this approval carries it. */
    grantId: text("grant_id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    clientId: text("client_id").notNull(),
    clientName: text("client_name").notNull(),
    redirectHost: text("redirect_host").notNull(),
    scopes: text("scopes").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [index("oauth_connections_org_idx").on(t.organizationId), index("oauth_connections_user_idx").on(t.userId)],
);
export type OAuthConnection = typeof oauthConnections.$inferSelect;
