-- 0003_lighter_accept_path.sql: what accepting a message writes, made lighter.
--
-- Like 0001, the migration runner wraps this file in one transaction; nothing here is
-- schema-qualified.
--
-- Accepting a message writes its row, recipients, content, delivery job and first events in one
-- transaction. Measured with pgbench and bench/send (issue #6), these cost the most there:
--   * foreign keys: every inserted row looked up and locked FOR KEY SHARE its organization (and
--     message, and domain) row, so concurrent accepting transactions of one organization shared
--     row locks on it (multixacts) and every row paid one more index probe;
--   * indexes that only served those foreign keys, or that a cheaper one replaces;
--   * CHECKs evaluated on every row: a SQL function on the tags (empty sets included), the
--     shapes of the JSON columns;
--   * rows of their own for what is always written with a message: its content, its recipients.
--
-- The log tables (messages and what hangs off them) therefore keep no foreign keys, and a
-- message's content, recipients, delivery job and QUEUED event move into its row (each below).
-- Their integrity is the application's: they are written only by PostgresMessageRepository and
-- PostgresDeliveryQueue, in the same transactions as the rows they name; organizations are never
-- deleted, domains only soft-deleted; removing a message (retention) removes its attachments
-- and events in the same statement or function.

ALTER TABLE messages
    DROP CONSTRAINT messages_organization_id_fkey,
    DROP CONSTRAINT messages_organization_id_domain_id_fkey;
ALTER TABLE message_attachments
    DROP CONSTRAINT message_attachments_message_id_fkey,
    DROP CONSTRAINT message_attachments_organization_id_fkey;
ALTER TABLE message_events
    DROP CONSTRAINT message_events_organization_id_fkey,
    DROP CONSTRAINT message_events_message_id_fkey;

-- The JSON columns of the log are written only by Relay's own JSON writer, from typed values
-- (MailJSON), and the subject's length is checked when the message is accepted; evaluating these
-- CHECKs on every accepted message cost about 8% of the accepting rate (bench/send, alternating
-- runs with and without them). Their shapes are documented on the columns instead.
ALTER TABLE messages
    DROP CONSTRAINT messages_reply_to_check,
    DROP CONSTRAINT messages_subject_check,
    DROP CONSTRAINT messages_headers_check,
    DROP CONSTRAINT messages_metadata_check,
    DROP CONSTRAINT messages_list_unsubscribe_check;
ALTER TABLE message_events DROP CONSTRAINT message_events_data_check;
COMMENT ON COLUMN messages.reply_to IS 'JSON array of {"address", "name"}';
COMMENT ON COLUMN messages.headers IS 'JSON array of {"name", "value"}: the caller''s extra MIME headers, in order';
COMMENT ON COLUMN messages.metadata IS 'JSON object of string values';
COMMENT ON COLUMN messages.list_unsubscribe IS 'JSON object {"https_url", "mailto", "one_click"}, or NULL';
COMMENT ON COLUMN message_events.data IS 'JSON object: type-specific extras';

-- Tag sets are mostly empty: check their elements only when there are some.
ALTER TABLE messages DROP CONSTRAINT messages_tags_check;
ALTER TABLE messages ADD CONSTRAINT messages_tags_check CHECK (
    cardinality(tags) = 0
    OR (array_ndims(tags) = 1 AND cardinality(tags) <= 10 AND tags_are_valid(tags)));

-- Status searches: a new message is QUEUED and most end DELIVERED; the ones worth finding fast
-- (bounced, failed, suppressed) are few, so only they are indexed. The others are found through
-- messages_org_created_idx, filtered.
DROP INDEX messages_org_status_idx;
CREATE INDEX messages_org_problem_idx ON messages (organization_id, status, created_at) WHERE status IN (5, 6, 7);
-- It served the foreign key to domains; a domain filter reads messages_org_created_idx.
DROP INDEX messages_org_domain_idx;
-- Tag searches must say `cardinality(tags) > 0 AND tags @> ARRAY[$tag]`: empty tag sets (most)
-- are left out of the index.
DROP INDEX messages_tags_idx;
CREATE INDEX messages_tags_idx ON messages USING gin (tags) WHERE cardinality(tags) > 0;

-- Events are found by stream position (organization, txid, id), by message, and by time; the id
-- alone is looked up by nothing. The time index becomes a BRIN: events arrive in time order.
ALTER TABLE message_events DROP CONSTRAINT message_events_pkey;
DROP INDEX message_events_org_occurred_idx;
CREATE INDEX message_events_occurred_brin ON message_events USING brin (occurred_at);

-- A message's content moves into its row: one heap tuple, primary key and BRIN less per message.
-- Bodies past 2 kB are TOASTed out of line, so the row stays small for log searches. The
-- content's shorter retention (7 days, the row 45) empties the columns:
--   UPDATE messages SET html_body = '', text_body = '', mime_headers = NULL, content_purged = true
--   WHERE created_at < now() - interval '7 days' AND NOT content_purged;
ALTER TABLE messages
    ADD COLUMN html_body text NOT NULL DEFAULT '',
    ADD COLUMN text_body text NOT NULL DEFAULT '',
    -- Every MIME header as sent, Relay's own included, in order: [{"name", "value"}]; NULL
    -- until the delivery worker has built the MIME message.
    ADD COLUMN mime_headers jsonb,
    ADD COLUMN content_purged boolean NOT NULL DEFAULT false;
UPDATE messages AS m SET html_body = c.html_body, text_body = c.text_body, mime_headers = c.mime_headers
FROM message_contents AS c WHERE c.message_id = m.id;
DROP TABLE message_contents;

-- Accepting usually finds no recipient suppressed. Instead of looking the recipients up first (a
-- round trip of its own), the accepting transaction starts with this assertion: it fails, and
-- the transaction with it, when one of them is suppressed; the caller then looks them up and
-- accepts again with what it found. SQLSTATE RL001 is Relay's own (class RL, "Relay").
CREATE FUNCTION assert_unsuppressed(p_organization uuid, p_addresses text[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM suppressions
               WHERE organization_id = p_organization AND address = ANY(p_addresses)
                 AND (expires_at IS NULL OR expires_at > now())) THEN
        RAISE EXCEPTION 'a recipient is on the suppression list' USING ERRCODE = 'RL001';
    END IF;
END
$$;

-- A message's recipients (at most 50) move into its row, as a JSON array in request order (to,
-- then cc, then bcc), each element
--   {"normalized", "address", "name", "kind", "status", "attempts", "detail", "smtp_code",
--    "next_attempt_at", "suppression_id", "updated_at"}
-- with kind and status as RecipientType and MessageStatus proto numbers, smtp_code 0 for none,
-- and next_attempt_at / suppression_id null for none (members a recipient does not have yet are
-- left out). Readers turn it back into rows with jsonb_to_recordset; the delivery worker
-- rewrites the elements it attempted, fenced by its claim, in the same UPDATE that sets the
-- message's status. One row per message instead of one more row, primary key and search index
-- per recipient. (Searching the log by recipient gets its own index with the log search,
-- measured against its query.)
ALTER TABLE messages ADD COLUMN recipients jsonb NOT NULL DEFAULT '[]';
COMMENT ON COLUMN messages.recipients IS
    'JSON array, request order, of {"normalized", "address", "name", "kind", "status", "attempts", "detail", "smtp_code", "next_attempt_at", "suppression_id", "updated_at"} (absent members: their defaults)';
UPDATE messages AS m SET recipients = r.list
FROM (SELECT message_id, jsonb_agg(jsonb_build_object(
          'normalized', normalized_address, 'address', address, 'name', display_name, 'kind', kind, 'status', status,
          'attempts', attempts, 'detail', detail, 'smtp_code', coalesce(smtp_code, 0), 'next_attempt_at', next_attempt_at,
          'suppression_id', suppression_id, 'updated_at', updated_at) ORDER BY position) AS list
      FROM message_recipients GROUP BY message_id) AS r
WHERE r.message_id = m.id;
DROP TABLE message_recipients;

-- A message's delivery job moves into its row too: the queue is the messages whose job_state is
-- 'pending' or 'running', found through a partial index that holds only them. The columns and
-- rules are delivery_jobs' (0001): 'pending' waits for run_after; 'running' is leased by
-- lease_owner until lease_expires_at (and run_after equals it, so a job whose worker died is due
-- again through the same index); job_attempts counts claims and fences the current lease;
-- 'dead' is kept for operators. A finished job (its outcome recorded on the recipients and in
-- events) has job_state NULL. Accepting a message is then one row less, with its primary key
-- and due-index entry; claiming updates the message's row instead of the job's, and finishing
-- updates it once (recipients, status and job together).
ALTER TABLE messages
    ADD COLUMN job_state text CHECK (job_state IN ('pending', 'running', 'dead')),
    ADD COLUMN job_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN run_after timestamptz,
    ADD COLUMN lease_owner text,
    ADD COLUMN lease_expires_at timestamptz,
    ADD COLUMN last_error text NOT NULL DEFAULT '',
    ADD CONSTRAINT messages_job_lease_check CHECK ((job_state = 'running') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL));
UPDATE messages AS m
SET job_state = j.state, job_attempts = j.attempts, run_after = j.run_after, lease_owner = j.lease_owner,
    lease_expires_at = j.lease_expires_at, last_error = j.last_error
FROM delivery_jobs AS j WHERE j.message_id = m.id;
DROP TABLE delivery_jobs;
-- Due jobs: WHERE job_state IN ('pending', 'running') AND run_after <= now() ORDER BY run_after.
CREATE INDEX messages_due_idx ON messages (run_after) WHERE job_state IN ('pending', 'running');
COMMENT ON COLUMN messages.job_state IS
    'The delivery job: pending, running (leased), dead (kept for operators), or NULL (none, or finished)';
-- The queue as it was, for reading and for the workers' claims and updates (a simple view, so
-- UPDATE and SELECT ... FOR UPDATE go to the messages rows). A job is finished by setting
-- job_state to NULL, never by DELETE (which would delete the message).
CREATE VIEW delivery_jobs AS
    SELECT id, organization_id, id AS message_id, job_state AS state, job_attempts AS attempts, run_after, lease_owner,
        lease_expires_at, last_error, created_at, updated_at
    FROM messages WHERE job_state IS NOT NULL;
COMMENT ON VIEW delivery_jobs IS
    'The outbound delivery queue: the messages with a job (messages.job_state). Claim with FOR UPDATE SKIP LOCKED through messages_due_idx; finish by setting state to NULL.';

-- A message's QUEUED event is its row: the accepting transaction gives the row the event's
-- stream position (txid, queued_event_id, from message_events' own id sequence) instead of
-- inserting an event row. The other events stay rows, in message_event_log (the table that was
-- message_events); the view message_events shows both, so the stream, GetMessage and every
-- reader see one log in one order. Messages accepted before this migration keep their QUEUED
-- event rows (their queued_event_id is NULL). Writers insert into message_event_log.
ALTER TABLE message_events RENAME TO message_event_log;
ALTER INDEX message_events_stream_idx RENAME TO message_event_log_stream_idx;
ALTER INDEX message_events_message_idx RENAME TO message_event_log_message_idx;
ALTER INDEX message_events_occurred_brin RENAME TO message_event_log_occurred_brin;
ALTER TRIGGER message_events_append_only ON message_event_log RENAME TO message_event_log_append_only;
-- The identity keeps its sequence, message_events_id_seq, which both kinds of event draw from,
-- now 32 values at a time per session instead of one (a lock on the sequence each): ids of
-- concurrent transactions are no longer in commit order, which the stream never relied on (its
-- order is (txid, id), and within a transaction ids still increase).
ALTER SEQUENCE message_events_id_seq CACHE 32;
ALTER TABLE messages
    ADD COLUMN txid xid8,
    ADD COLUMN queued_event_id bigint,
    ADD CONSTRAINT messages_queued_event_check CHECK ((queued_event_id IS NULL) = (txid IS NULL));
COMMENT ON COLUMN messages.queued_event_id IS
    'The id of the message''s QUEUED event (with txid, its stream position); NULL when it has none or when it is a row of message_event_log';
CREATE INDEX messages_queued_event_idx ON messages (organization_id, txid, queued_event_id) WHERE queued_event_id IS NOT NULL;
CREATE VIEW message_queued_events AS
    SELECT queued_event_id AS id, txid, organization_id, id AS message_id, 1::smallint AS event_type, NULL::text AS recipient,
        created_at AS occurred_at, created_at AS recorded_at, ''::text AS detail, NULL::smallint AS smtp_code,
        ''::text AS enhanced_status, 0 AS attempt, '{}'::jsonb AS data
    FROM messages WHERE queued_event_id IS NOT NULL;
COMMENT ON VIEW message_queued_events IS 'The QUEUED events that are messages'' rows, with the columns of message_event_log.';
CREATE VIEW message_events AS
    SELECT id, txid, organization_id, message_id, event_type, recipient, occurred_at, recorded_at, detail, smtp_code,
        enhanced_status, attempt, data
    FROM message_event_log
    UNION ALL
    SELECT * FROM message_queued_events;
-- PostgreSQL 15 merges the two parts of a UNION ALL in order only by reading each part whole or
-- sorting it: a range read in stream order with a LIMIT (the event stream's pages) reads each
-- part on its own, ordered and limited, and merges the two pages (PostgresEventLog).
COMMENT ON VIEW message_events IS
    'Every delivery event: the rows of message_event_log and the QUEUED events of messages. Stream order and cursor: (txid, id), read only below pg_snapshot_xmin(pg_current_snapshot()). For pages in stream order, read message_event_log and message_queued_events each with the LIMIT, then merge.';
CREATE OR REPLACE FUNCTION purge_message_events(before timestamptz, max_rows integer DEFAULT 10000)
    RETURNS bigint
    LANGUAGE plpgsql
    AS $$
DECLARE
    deleted bigint;
BEGIN
    PERFORM set_config('relay.log_retention', 'on', true);
    DELETE FROM message_event_log
    WHERE ctid IN (SELECT ctid FROM message_event_log
                   WHERE recorded_at < before
                   ORDER BY recorded_at
                   LIMIT max_rows);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('relay.log_retention', 'off', true);
    RETURN deleted;
END
$$;
COMMENT ON FUNCTION purge_message_events(timestamptz, integer) IS
    'The only direct way to DELETE from message_event_log: removes up to max_rows events recorded before the given time (QUEUED events of messages go with their message).';

COMMENT ON TABLE messages IS
    'The email log: one row per accepted message (kept 45 days), with its recipients (JSON array), content (html_body, text_body, mime_headers: emptied after 7 days, content_purged), delivery job (job_state; the delivery_jobs view) and QUEUED event (txid, queued_event_id; the message_events view). Files live in message_attachments, later events in message_event_log.';
