CREATE TABLE "credit_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" uuid,
	"kind" text NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_accounts_not_negative" CHECK ("credit_accounts"."kind" = 'platform' or "credit_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "credit_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transaction_id" uuid NOT NULL,
	"account_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"balance_after" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_entries_nonzero" CHECK ("credit_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "credit_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"subject" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_transactions_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "credit_accounts" ADD CONSTRAINT "credit_accounts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entries" ADD CONSTRAINT "credit_entries_transaction_id_credit_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."credit_transactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entries" ADD CONSTRAINT "credit_entries_account_id_credit_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."credit_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_transactions" ADD CONSTRAINT "credit_transactions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_accounts_org_idx" ON "credit_accounts" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "credit_entries_account_idx" ON "credit_entries" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "credit_entries_tx_idx" ON "credit_entries" USING btree ("transaction_id");--> statement-breakpoint
-- Organizations that existed before the ledger get the starting grant every new one gets.
INSERT INTO "credit_transactions" ("idempotency_key", "kind", "memo") SELECT 'grant:signup:' || "id", 'grant', 'Starting credits' FROM "organizations";--> statement-breakpoint
INSERT INTO "credit_accounts" ("id", "organization_id", "kind", "balance") SELECT 'wallet:' || "id", "id", 'wallet', 1000 FROM "organizations";--> statement-breakpoint
INSERT INTO "credit_accounts" ("id", "kind", "balance") VALUES ('platform:grants', 'platform', -1000 * (SELECT count(*) FROM "organizations"));--> statement-breakpoint
INSERT INTO "credit_entries" ("transaction_id", "account_id", "amount", "balance_after")
  SELECT t."id", 'wallet:' || o."id", 1000, 1000 FROM "organizations" o JOIN "credit_transactions" t ON t."idempotency_key" = 'grant:signup:' || o."id"
  UNION ALL
  SELECT t."id", 'platform:grants', -1000, -1000 * row_number() OVER (ORDER BY o."id") FROM "organizations" o JOIN "credit_transactions" t ON t."idempotency_key" = 'grant:signup:' || o."id";
