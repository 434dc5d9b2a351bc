ALTER TABLE "file_template_versions" ALTER COLUMN "variables" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "task_templates" ALTER COLUMN "variables" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "task_templates" ALTER COLUMN "variables" SET DEFAULT '{}'::json;