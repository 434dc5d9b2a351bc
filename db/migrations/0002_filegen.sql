CREATE TABLE "file_template_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"version" text NOT NULL,
	"files" jsonb NOT NULL,
	"variables" jsonb NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"changelog" text DEFAULT '' NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_template_versions_template_version" UNIQUE("template_id","version")
);
--> statement-breakpoint
CREATE TABLE "file_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_id" uuid,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"visibility" text DEFAULT 'organization' NOT NULL,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"stars" integer DEFAULT 0 NOT NULL,
	"latest_version" text NOT NULL,
	"forked_from_template_id" uuid,
	"forked_from_version" text,
	"price_credits" integer DEFAULT 0 NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_templates_org_slug" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "generations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"template_version_id" uuid NOT NULL,
	"version" text NOT NULL,
	"variables" jsonb NOT NULL,
	"variables_hash" text NOT NULL,
	"format" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"file_count" integer,
	"bytes" integer,
	"duration_ms" integer,
	"output_keys" jsonb,
	"instructions" text,
	"error" jsonb,
	"reused_from_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "file_template_versions" ADD CONSTRAINT "file_template_versions_template_id_file_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."file_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_template_versions" ADD CONSTRAINT "file_template_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_templates" ADD CONSTRAINT "file_templates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_templates" ADD CONSTRAINT "file_templates_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_template_version_id_file_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."file_template_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "file_templates_search_idx" ON "file_templates" USING gin (to_tsvector('english', "search_text"));--> statement-breakpoint
CREATE INDEX "file_templates_tags_idx" ON "file_templates" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "file_templates_visibility_idx" ON "file_templates" USING btree ("visibility");--> statement-breakpoint
CREATE INDEX "generations_org_created_idx" ON "generations" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "generations_cache_idx" ON "generations" USING btree ("template_version_id","variables_hash","format","status");