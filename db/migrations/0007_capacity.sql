ALTER TABLE "tasks" ADD COLUMN "agent_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "max_price_credits" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "hold_key" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "hold_credits" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "cost_credits" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_named_agent_idx" ON "tasks" USING btree ("agent_id") WHERE "tasks"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "tasks_marketplace_idx" ON "tasks" USING btree ("max_price_credits") WHERE "tasks"."status" = 'queued' and "tasks"."max_price_credits" is not null;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_credits_check" CHECK ("tasks"."hold_credits" >= 0 and "tasks"."cost_credits" >= 0 and ("tasks"."max_price_credits" is null or "tasks"."max_price_credits" >= 0));