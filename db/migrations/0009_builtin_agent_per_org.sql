-- Organizations get the built-in file generation agent when they are created; give it to those
-- made before that, so listing agents never has to write.
INSERT INTO "agents" ("organization_id", "name", "description", "kind", "capabilities", "max_concurrency", "status")
SELECT o."id", 'File generator (built-in)', 'The platform''s own agent: renders the file template a task names with its input variables, and returns the files, a download or clone URL and the instructions.', 'builtin:filegen', ARRAY['filegen'], 8, 'online'
FROM "organizations" o
ON CONFLICT DO NOTHING;
