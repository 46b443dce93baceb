-- 0002_rate_limits_and_key_changes.sql: atomic takes from the shared rate-limit counters, and
-- their cleanup.
--
-- Like 0001, the migration runner wraps this file in one transaction; nothing here is
-- schema-qualified.
--
-- Key changes (UpdateKey, RotateKey, RevokeKey) are announced to every instance with
-- `SELECT pg_notify('relay_api_keys', <key uuid as text>)` in the changing transaction, so that
-- cached credentials are dropped when it commits. The channel needs no object in the schema;
-- it is named here so that it is written down next to the functions the same code uses.

-- ---------------------------------------------------------------------------------------------
-- Rate limits
-- ---------------------------------------------------------------------------------------------

-- Takes up to p_wanted calls from one fixed-window counter, never letting the window's count pass
-- p_limit, and returns how many it got: least(p_wanted, greatest(0, p_limit - count)).
-- The row is created at 0 if missing (INSERT ... ON CONFLICT DO NOTHING), then locked (SELECT
-- ... FOR UPDATE) before it is read and increased, so concurrent callers of any instance
-- serialize on it and never grant more than p_limit in total per (scope, scope_id,
-- window_seconds, window_start). The lock is held until the caller's transaction ends: callers
-- taking from several counters in one transaction must take them in one global order (the
-- application sorts by scope, scope_id, window_seconds, window_start) to avoid deadlocks.
CREATE FUNCTION rate_limit_take(
    p_organization uuid, p_scope text, p_scope_id uuid, p_window integer, p_window_start timestamptz,
    p_wanted bigint, p_limit bigint)
    RETURNS bigint
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_used bigint;
    v_granted bigint;
BEGIN
    IF p_wanted IS NULL OR p_wanted <= 0 OR p_limit IS NULL OR p_limit <= 0 THEN
        RETURN 0;
    END IF;
    LOOP
        INSERT INTO rate_limit_counters AS c (organization_id, scope, scope_id, window_seconds, window_start, count)
        VALUES (p_organization, p_scope, p_scope_id, p_window, p_window_start, 0)
        ON CONFLICT (scope, scope_id, window_seconds, window_start) DO NOTHING;

        SELECT c.count INTO v_used
        FROM rate_limit_counters AS c
        WHERE c.scope = p_scope AND c.scope_id = p_scope_id AND c.window_seconds = p_window
          AND c.window_start = p_window_start
        FOR UPDATE;
        -- Deleted by a concurrent purge between the two statements: create it again.
        EXIT WHEN FOUND;
    END LOOP;

    v_granted := least(p_wanted, greatest(0, p_limit - v_used));
    IF v_granted > 0 THEN
        UPDATE rate_limit_counters AS c
        SET count = c.count + v_granted
        WHERE c.scope = p_scope AND c.scope_id = p_scope_id AND c.window_seconds = p_window
          AND c.window_start = p_window_start;
    END IF;
    RETURN v_granted;
END
$$;
COMMENT ON FUNCTION rate_limit_take(uuid, text, uuid, integer, timestamptz, bigint, bigint) IS
    'Takes up to p_wanted calls from the counter of (p_scope, p_scope_id, p_window, p_window_start), creating it at 0, without passing p_limit; returns the number granted. Concurrent takes serialize on the counter row (FOR UPDATE).';

-- Deletes the counters of windows that ended more than a day ago; returns how many. Run it
-- periodically (any instance; concurrent runs are harmless). The first condition lets the BRIN
-- index on window_start skip recent blocks (no window is longer than a day).
CREATE FUNCTION purge_rate_limit_counters()
    RETURNS bigint
    LANGUAGE plpgsql
    AS $$
DECLARE
    deleted bigint;
BEGIN
    DELETE FROM rate_limit_counters AS c
    WHERE c.window_start < now() - interval '1 day'
      AND c.window_start + c.window_seconds * interval '1 second' < now() - interval '1 day';
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
END
$$;
COMMENT ON FUNCTION purge_rate_limit_counters() IS
    'Deletes rate_limit_counters rows whose window ended more than a day ago; returns the number deleted.';

COMMENT ON TABLE rate_limit_counters IS
    'Fixed-window call counters per organization or API key (second, minute, hour, day), shared by all instances. Taken from only with rate_limit_take(), which locks the row and never passes the limit; emptied of old windows by purge_rate_limit_counters(). UNLOGGED.';
