-- Change notifications between credsvc instances (design: "Concurrency").
-- Triggers send NOTIFY from inside the writing transaction, so listeners hear
-- of a change only once it has committed, whoever made it (credsvc or psql).
-- Payload: {"kind": "credential"|"user"|"domain", "key": AOR or domain,
-- "origin": the writer's credsvc.origin session setting, "" if unset}.

CREATE FUNCTION credsvc_notify_change(kind text, key text) RETURNS void
LANGUAGE sql AS $$
    SELECT pg_notify('credsvc_changes',
                     json_build_object('kind', kind, 'key', key,
                                       'origin', coalesce(current_setting('credsvc.origin', true), ''))::text);
$$;

-- One trigger function for every table: TG_ARGV[0] is the kind, TG_ARGV[1]
-- the column holding the key. A renamed key notifies the old one too.
CREATE FUNCTION credsvc_row_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_key text;
    new_key text;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_key := to_jsonb(OLD) ->> TG_ARGV[1];
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_key := to_jsonb(NEW) ->> TG_ARGV[1];
    END IF;
    IF old_key IS NOT NULL AND old_key IS DISTINCT FROM new_key THEN
        PERFORM credsvc_notify_change(TG_ARGV[0], old_key);
    END IF;
    IF new_key IS NOT NULL THEN
        PERFORM credsvc_notify_change(TG_ARGV[0], new_key);
    END IF;
    RETURN NULL;  -- AFTER trigger: the result is ignored
END;
$$;

CREATE TRIGGER credentials_notify AFTER INSERT OR UPDATE OR DELETE ON credentials
    FOR EACH ROW EXECUTE FUNCTION credsvc_row_changed('credential', 'aor');
-- Updates that change nothing (e.g. a no-op UPDATE) stay quiet.
CREATE TRIGGER users_notify_write AFTER INSERT OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION credsvc_row_changed('user', 'aor');
CREATE TRIGGER users_notify_update AFTER UPDATE ON users
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION credsvc_row_changed('user', 'aor');
CREATE TRIGGER domains_notify_write AFTER INSERT OR DELETE ON domains
    FOR EACH ROW EXECUTE FUNCTION credsvc_row_changed('domain', 'name');
CREATE TRIGGER domains_notify_update AFTER UPDATE ON domains
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION credsvc_row_changed('domain', 'name');
