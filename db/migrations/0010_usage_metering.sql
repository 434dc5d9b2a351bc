CREATE TABLE "usage_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"events" integer NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_counters" (
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"api_key_id" uuid,
	"surface" text NOT NULL,
	"metric" text NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_counters_key" UNIQUE NULLS NOT DISTINCT("organization_id","day","api_key_id","surface","metric")
);
--> statement-breakpoint
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_batches_applied_idx" ON "usage_batches" USING btree ("applied_at");