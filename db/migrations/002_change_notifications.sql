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

CREATE FUNCTION credsvc_credentials_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM credsvc_notify_change('credential', OLD.aor);
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.aor <> NEW.aor THEN
        PERFORM credsvc_notify_change('credential', OLD.aor);
    END IF;
    PERFORM credsvc_notify_change('credential', NEW.aor);
    RETURN NEW;
END;
$$;

CREATE FUNCTION credsvc_users_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM credsvc_notify_change('user', OLD.aor);
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.aor <> NEW.aor THEN
        PERFORM credsvc_notify_change('user', OLD.aor);
    END IF;
    PERFORM credsvc_notify_change('user', NEW.aor);
    RETURN NEW;
END;
$$;

CREATE FUNCTION credsvc_domains_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM credsvc_notify_change('domain', OLD.name);
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.name <> NEW.name THEN
        PERFORM credsvc_notify_change('domain', OLD.name);
    END IF;
    PERFORM credsvc_notify_change('domain', NEW.name);
    RETURN NEW;
END;
$$;

CREATE TRIGGER credentials_notify AFTER INSERT OR UPDATE OR DELETE ON credentials
    FOR EACH ROW EXECUTE FUNCTION credsvc_credentials_changed();
-- Updates that change nothing (e.g. a no-op UPDATE) stay quiet.
CREATE TRIGGER users_notify_write AFTER INSERT OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION credsvc_users_changed();
CREATE TRIGGER users_notify_update AFTER UPDATE ON users
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION credsvc_users_changed();
CREATE TRIGGER domains_notify_write AFTER INSERT OR DELETE ON domains
    FOR EACH ROW EXECUTE FUNCTION credsvc_domains_changed();
CREATE TRIGGER domains_notify_update AFTER UPDATE ON domains
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION credsvc_domains_changed();
