CREATE TABLE "workflow_cron_ticks" (
	"function_id" text NOT NULL,
	"tick_at" timestamp with time zone NOT NULL,
	"run_id" uuid,
	CONSTRAINT "workflow_cron_ticks_function_id_tick_at_pk" PRIMARY KEY("function_id","tick_at")
);
--> statement-breakpoint
CREATE TABLE "workflow_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"idempotency_key" text,
	"organization_id" uuid,
	"dispatched_at" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_events_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "workflow_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"function_id" text NOT NULL,
	"event_id" uuid,
	"event" jsonb NOT NULL,
	"organization_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"invocations" integer DEFAULT 0 NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"concurrency_key" text,
	"run_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp (6) with time zone,
	"wait" jsonb,
	"output" jsonb,
	"error" jsonb,
	"parent_run_id" uuid,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (6) with time zone,
	"ended_at" timestamp (6) with time zone
);
--> statement-breakpoint
CREATE TABLE "workflow_steps" (
	"run_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"output" jsonb,
	"error" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"wake_at" timestamp (6) with time zone,
	"position" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp (6) with time zone,
	"duration_ms" integer,
	CONSTRAINT "workflow_steps_run_id_step_id_pk" PRIMARY KEY("run_id","step_id")
);
--> statement-breakpoint
ALTER TABLE "workflow_steps" ADD CONSTRAINT "workflow_steps_run_id_workflow_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_events_name_created_idx" ON "workflow_events" USING btree ("name","created_at");--> statement-breakpoint
CREATE INDEX "workflow_events_undispatched_idx" ON "workflow_events" USING btree ("dispatched_at","created_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_claim_idx" ON "workflow_runs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_org_created_idx" ON "workflow_runs" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_concurrency_idx" ON "workflow_runs" USING btree ("function_id","concurrency_key","status");