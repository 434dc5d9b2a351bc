-- Cache invalidation from the database itself: any change to a task row (a procedure, the
-- runner, SQL by hand) notifies the task-list caches of its organization on channel cmp_cache,
-- in the changing transaction (so listeners hear only what committed; PostgreSQL delivers one
-- notification per distinct payload per transaction). An agent's rename changes every list its
-- tasks are on, in any organization: it invalidates them all. A person's memberships notify their
-- membership cache; an organization's change (name, plan) every one.
CREATE FUNCTION cmp_cache_notify_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cmp_cache', json_build_object('space', 'tasks', 'scope', (CASE WHEN TG_OP = 'DELETE' THEN OLD.organization_id ELSE NEW.organization_id END)::text)::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tasks_cache_notify AFTER INSERT OR UPDATE OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION cmp_cache_notify_tasks();--> statement-breakpoint
CREATE FUNCTION cmp_cache_notify_all_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cmp_cache', '{"space":"tasks","scope":"*"}');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER agents_rename_cache_notify AFTER UPDATE OF name ON agents FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION cmp_cache_notify_all_tasks();
--> statement-breakpoint
CREATE FUNCTION cmp_cache_notify_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cmp_cache', json_build_object('space', 'memberships', 'scope', (CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END)::text)::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER memberships_cache_notify AFTER INSERT OR UPDATE OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION cmp_cache_notify_memberships();--> statement-breakpoint
CREATE FUNCTION cmp_cache_notify_all_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cmp_cache', '{"space":"memberships","scope":"*"}');
  -- Its verified keys carry the plan (their rate limits): drop them on every instance too.
  PERFORM pg_notify('cmp_key_cache', json_build_object('orgId', OLD.id)::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER organizations_cache_notify AFTER UPDATE OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION cmp_cache_notify_all_memberships();
