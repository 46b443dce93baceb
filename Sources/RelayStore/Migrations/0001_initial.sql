-- 0001_initial.sql: the first schema of The One Relay (PostgreSQL 15, core features only).
--
-- The migration runner wraps this file in ONE transaction and records it in its own version
-- table: no BEGIN/COMMIT here, nothing that cannot run inside a transaction, nothing
-- schema-qualified (objects go into the current search_path schema).
--
-- Conventions (docs/SCHEMA.md has the long form):
--   * Ids are `uuid`. The application generates time-ordered UUIDv7 values; `DEFAULT
--     gen_random_uuid()` (v4) is only a fallback. The API layer adds the public prefix
--     (`msg_`, `dom_`, `key_`, ...). Cursors of the two streams are `bigint` identities + `xid8`.
--   * Enums that mirror a proto enum are `smallint` holding the PROTO NUMBER (UNSPECIFIED = 0 is
--     never stored; a CHECK bounds the range). Enums that exist only in storage (job state,
--     DKIM key status, audit action, ...) are lower-case `text` with a CHECK listing the values.
--   * Every time is `timestamptz`. Durations are integer seconds (`*_seconds`).
--   * Every tenant table has `organization_id uuid NOT NULL REFERENCES organizations ON DELETE
--     CASCADE`; deleting an organization deletes everything it owns.
--   * Log tables (messages and their events, inbound messages, suppressions, audit) keep
--     references to configuration rows that may be deleted (templates, API keys, routes,
--     suppression entries) as plain uuids without FOREIGN KEY: they record a fact at a time.
--   * Free text that the API shows as "empty means none" is `NOT NULL DEFAULT ''`; absent
--     times, numbers and references are NULL.

-- ---------------------------------------------------------------------------------------------
-- Helper functions
-- ---------------------------------------------------------------------------------------------

-- True when a smallint array holds no duplicate (used by the CHECK on api_keys.scopes).
CREATE FUNCTION smallint_array_is_set(a smallint[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT count(*) = count(DISTINCT e) FROM unnest(a) AS e $$;

-- True when every element is a valid tag (SendEmailRequest.tags: 1 to 64 letters, digits, `-`,
-- `_`, `.`), none is NULL. Used by the CHECK on messages.tags.
CREATE FUNCTION tags_are_valid(a text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(bool_and(t IS NOT NULL AND t ~ '^[A-Za-z0-9._-]{1,64}$'), true)
          FROM unnest(a) AS t $$;

-- The canonical form of a tag set: distinct, sorted by code point (C collation). The rollup key
-- of delivery_stats must be canonical so that one tag set maps to one row.
CREATE FUNCTION canonical_tags(a text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(t ORDER BY t), '{}')
          FROM (SELECT DISTINCT e COLLATE "C" AS t FROM unnest(a) AS e) AS d $$;

-- Guard of the append-only logs (message_events, api_key_audit_log), fired once per statement.
-- UPDATE is always refused. DELETE is allowed only
--   * inside a retention function, which sets the transaction-local flag `relay.log_retention`
--     to 'on' (see purge_message_events), or
--   * as the ON DELETE CASCADE of a parent row (a message reaching its retention, or an
--     organization being deleted): those deletes run from a foreign-key trigger, so
--     pg_trigger_depth() > 1.
-- A guard rail against mistakes, not a security boundary: a role that may DELETE may also set
-- the flag. TRUNCATE is not guarded (administrators and test harnesses use it).
CREATE FUNCTION forbid_log_mutation() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND (pg_trigger_depth() > 1
            OR coalesce(current_setting('relay.log_retention', true), '') = 'on') THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'rows are removed only by the retention functions or by cascade';
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Organizations
-- ---------------------------------------------------------------------------------------------

CREATE TABLE organizations (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    -- The organization's own rate limits (calls per window, all keys together). NULL: the
    -- server's configured default.
    rate_limit_per_second       bigint CHECK (rate_limit_per_second >= 1),
    rate_limit_per_minute       bigint CHECK (rate_limit_per_minute >= 1),
    rate_limit_per_hour         bigint CHECK (rate_limit_per_hour >= 1),
    rate_limit_per_day          bigint CHECK (rate_limit_per_day >= 1),
    -- The default per-key limits of this organization (RateLimits left unset on a key).
    -- NULL: the server's configured default for keys.
    key_rate_limit_per_second   bigint CHECK (key_rate_limit_per_second >= 1),
    key_rate_limit_per_minute   bigint CHECK (key_rate_limit_per_minute >= 1),
    key_rate_limit_per_hour     bigint CHECK (key_rate_limit_per_hour >= 1),
    key_rate_limit_per_day      bigint CHECK (key_rate_limit_per_day >= 1),
    -- Compliance (GetComplianceStatus). ComplianceState proto numbers: 1 HEALTHY, 2 WARNING,
    -- 3 AT_RISK, 4 SUSPENDED. The rates are computed from delivery_stats; the state is stored
    -- so that its change time can be reported and SUSPENDED can stick until support lifts it.
    compliance_state            smallint NOT NULL DEFAULT 1 CHECK (compliance_state BETWEEN 1 AND 4),
    compliance_state_changed_at timestamptz,
    suspended_at                timestamptz,
    suspension_reason           text NOT NULL DEFAULT '',
    -- Threshold overrides (ComplianceThresholds); NULL: the server's defaults
    -- (0.05 / 0.10 bounce, 0.001 / 0.005 complaint).
    bounce_rate_warning         double precision CHECK (bounce_rate_warning BETWEEN 0 AND 1),
    bounce_rate_critical        double precision CHECK (bounce_rate_critical BETWEEN 0 AND 1),
    complaint_rate_warning      double precision CHECK (complaint_rate_warning BETWEEN 0 AND 1),
    complaint_rate_critical     double precision CHECK (complaint_rate_critical BETWEEN 0 AND 1),
    compliance_min_sample_size  bigint CHECK (compliance_min_sample_size >= 0),
    CHECK ((compliance_state = 4) = (suspended_at IS NOT NULL))
);
COMMENT ON TABLE organizations IS
    'Tenants. Everything else belongs to one organization and is deleted with it (ON DELETE CASCADE). Holds the organization''s rate-limit overrides (own limits and default per-key limits, four windows) and its compliance state.';

-- ---------------------------------------------------------------------------------------------
-- API keys
-- ---------------------------------------------------------------------------------------------

CREATE TABLE api_keys (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    name                        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    -- The visible start of the current secret (ApiKey.prefix, such as `rly_live_ab12`), for
    -- people; not used to authenticate.
    prefix                      text NOT NULL CHECK (char_length(prefix) BETWEEN 1 AND 32),
    -- SHA-256 of the current secret (32 bytes). Secrets are long random strings, so the hash is
    -- also the lookup identifier: authenticate with WHERE secret_hash = sha256(bearer).
    -- The secret itself is never stored.
    secret_hash                 bytea NOT NULL UNIQUE CHECK (octet_length(secret_hash) = 32),
    -- KeyScope proto numbers: 1 FULL_ACCESS, 2 SEND, 3 DOMAINS, 4 TEMPLATES, 5 SUPPRESSIONS,
    -- 6 ANALYTICS, 7 READ_ONLY. At least one, no duplicates, no NULL.
    scopes                      smallint[] NOT NULL CHECK (
                                    array_ndims(scopes) = 1
                                    AND cardinality(scopes) BETWEEN 1 AND 7
                                    AND scopes <@ '{1,2,3,4,5,6,7}'::smallint[]
                                    AND smallint_array_is_set(scopes)),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    -- Last change by UpdateKey, RotateKey or RevokeKey; NULL if never.
    updated_at                  timestamptz,
    -- NULL: never expires. State EXPIRED is derived (expires_at <= now()), not stored.
    expires_at                  timestamptz,
    -- Written at most once a minute per key (ApiKey.last_used_time has minute precision).
    last_used_at                timestamptz,
    -- State REVOKED is derived (revoked_at IS NOT NULL); revocation is final.
    revoked_at                  timestamptz,
    -- The key that called CreateKey; NULL: created from the bootstrap credential. Keys are
    -- revoked, never deleted on their own, so SET NULL only happens with the organization.
    created_by_key_id           uuid REFERENCES api_keys ON DELETE SET NULL,
    -- Rotation (RotateKey keeps the key id and gives it a new secret): the secret it replaced
    -- stays valid until previous_secret_expires_at (the grace end). A second rotation
    -- overwrites these columns, which ends the older grace at once, as the API specifies.
    rotated_at                  timestamptz,
    previous_prefix             text,
    previous_secret_hash        bytea CHECK (octet_length(previous_secret_hash) = 32),
    previous_secret_expires_at  timestamptz,
    -- Per-key rate-limit overrides (RateLimits); NULL: the organization's default for keys.
    rate_limit_per_second       bigint CHECK (rate_limit_per_second >= 1),
    rate_limit_per_minute       bigint CHECK (rate_limit_per_minute >= 1),
    rate_limit_per_hour         bigint CHECK (rate_limit_per_hour >= 1),
    rate_limit_per_day          bigint CHECK (rate_limit_per_day >= 1),
    UNIQUE (organization_id, id),
    CHECK ((previous_secret_hash IS NULL) = (previous_secret_expires_at IS NULL)),
    CHECK ((previous_secret_hash IS NULL) = (previous_prefix IS NULL))
);
COMMENT ON TABLE api_keys IS
    'API keys: SHA-256 hashes of the secrets (never the secrets), scopes (KeyScope numbers), expiry, last use, revocation, the previous secret during a rotation''s grace period, and per-key rate-limit overrides.';
COMMENT ON COLUMN api_keys.scopes IS 'KeyScope proto numbers: 1 FULL_ACCESS, 2 SEND, 3 DOMAINS, 4 TEMPLATES, 5 SUPPRESSIONS, 6 ANALYTICS, 7 READ_ONLY';
COMMENT ON COLUMN api_keys.secret_hash IS 'sha256(secret), 32 bytes; the authentication lookup key';

-- Authentication with a secret still in its grace period.
CREATE UNIQUE INDEX api_keys_previous_secret_hash_key
    ON api_keys (previous_secret_hash) WHERE previous_secret_hash IS NOT NULL;
-- ListKeys: newest first, per organization.
CREATE INDEX api_keys_org_created_idx ON api_keys (organization_id, created_at DESC, id DESC);

CREATE TABLE api_key_audit_log (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- The key acted on.
    api_key_id                  uuid NOT NULL,
    -- The key that made the call; NULL: the bootstrap credential or Relay itself.
    actor_key_id                uuid,
    -- 'create', 'update' (name, expiry, limits), 'scopes' (a scope change, also recorded apart
    -- because it changes what a key may do), 'rotate', 'revoke'.
    action                      text NOT NULL CHECK (action IN ('create', 'update', 'scopes', 'rotate', 'revoke')),
    -- What changed, as {"field": {"old": ..., "new": ...}}; for 'rotate' the new prefix and the
    -- grace end. Never a secret or a secret hash.
    changes                     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(changes) = 'object'),
    -- The gRPC request id of the call, for correlating with the call log.
    request_id                  text NOT NULL DEFAULT '',
    occurred_at                 timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, api_key_id) REFERENCES api_keys (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, actor_key_id) REFERENCES api_keys (organization_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE api_key_audit_log IS
    'Append-only audit of API key creation, updates, scope changes, rotations and revocations, with the acting key. UPDATE and DELETE are refused by trigger (rows go with their organization).';
CREATE INDEX api_key_audit_log_key_idx ON api_key_audit_log (organization_id, api_key_id, occurred_at);
CREATE INDEX api_key_audit_log_org_idx ON api_key_audit_log (organization_id, occurred_at);
CREATE TRIGGER api_key_audit_log_append_only
    BEFORE UPDATE OR DELETE ON api_key_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_log_mutation();

-- ---------------------------------------------------------------------------------------------
-- Domains, DKIM keys, DNS records
-- ---------------------------------------------------------------------------------------------

CREATE TABLE domains (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- Lower case, A-label (xn--) form, at least two labels, at most 253 characters.
    name                        text NOT NULL CHECK (
                                    char_length(name) <= 253
                                    AND name ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    -- DomainStatus proto numbers: 1 PENDING, 2 VERIFIED, 3 FAILED, 4 TEMPORARY_FAILURE,
    -- 5 DEGRADED.
    status                      smallint NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 5),
    status_detail               text NOT NULL DEFAULT '',
    return_path_domain          text NOT NULL CHECK (return_path_domain ~ '^[a-z0-9.-]+$'),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    -- When the domain last became VERIFIED; NULL if never.
    verified_at                 timestamptz,
    last_checked_at             timestamptz,
    -- The periodic checker's schedule; NULL: no check scheduled.
    next_check_at               timestamptz,
    -- The first failing check of a verified domain (DEGRADED); sending stops 72 h later.
    -- sending_allowed is derived: status = VERIFIED, or status IN (TEMPORARY_FAILURE, DEGRADED)
    -- with verified_at set and (degraded_since IS NULL OR degraded_since > now() - 72 h).
    degraded_since              timestamptz,
    -- Sending defaults of the domain (SendEmailRequest leaves them unset).
    track_opens                 boolean NOT NULL DEFAULT false,
    track_clicks                boolean NOT NULL DEFAULT false,
    -- Default List-Unsubscribe, as {"https_url": ..., "mailto": ..., "one_click": bool}.
    default_list_unsubscribe    jsonb CHECK (jsonb_typeof(default_list_unsubscribe) = 'object'),
    -- Inbound mail (InboundService routes need a domain verified for inbound: its MX points at
    -- Relay). NULL: not verified for inbound.
    inbound_verified_at         timestamptz,
    -- DeleteDomain is a soft delete: messages already accepted must still be signed and
    -- delivered, and the log keeps referring to the domain. A deleted domain's DKIM keys are
    -- destroyed by the cleanup job once no delivery job of it remains.
    deleted_at                  timestamptz,
    UNIQUE (organization_id, id)
);
COMMENT ON TABLE domains IS
    'Sending domains (DomainService). Soft-deleted (deleted_at) so that accepted messages still deliver and the log keeps its references; the name is unique per organization among live domains.';
COMMENT ON COLUMN domains.status IS 'DomainStatus proto numbers: 1 PENDING, 2 VERIFIED, 3 FAILED, 4 TEMPORARY_FAILURE, 5 DEGRADED';
CREATE UNIQUE INDEX domains_org_name_key ON domains (organization_id, name) WHERE deleted_at IS NULL;
-- The periodic verifier claims due domains with FOR UPDATE SKIP LOCKED.
CREATE INDEX domains_next_check_idx ON domains (next_check_at)
    WHERE next_check_at IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE dkim_keys (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    domain_id                   uuid NOT NULL,
    -- A DNS label: letters, digits, hyphens, at most 63 characters.
    selector                    text NOT NULL CHECK (selector ~ '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$'),
    -- DkimKeyAlgorithm proto numbers: 1 RSA_2048 (rsa-sha256), 2 ED25519 (ed25519-sha256).
    algorithm                   smallint NOT NULL CHECK (algorithm IN (1, 2)),
    -- 'pending': created by a rotation, waiting for its record; 'active': signs new mail (one
    -- per domain); 'retired': no longer signs, record kept published until retired_at + 7 days,
    -- then the row is deleted.
    status                      text NOT NULL CHECK (status IN ('pending', 'active', 'retired')),
    -- The record's p= value, base64 (DER SubjectPublicKeyInfo for RSA, raw 32 bytes for Ed25519).
    public_key                  text NOT NULL,
    -- The private key, ENCRYPTED at rest with an AEAD cipher (AES-256-GCM: 12-byte nonce, the
    -- 16-byte tag appended to the ciphertext) under a key-encryption key held outside the
    -- database. Associated data: the row id and domain id, so a ciphertext cannot be moved to
    -- another row. The plaintext is the PKCS#8 DER private key.
    private_key_ciphertext      bytea NOT NULL,
    private_key_nonce           bytea NOT NULL CHECK (octet_length(private_key_nonce) BETWEEN 12 AND 24),
    -- Which key-encryption key (and version of it) sealed the private key; re-encryption after
    -- a KEK rotation rewrites the rows whose version is old.
    encryption_key_id           text NOT NULL,
    encryption_key_version      integer NOT NULL CHECK (encryption_key_version >= 1),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    activated_at                timestamptz,
    retired_at                  timestamptz,
    FOREIGN KEY (organization_id, domain_id) REFERENCES domains (organization_id, id) ON DELETE CASCADE,
    UNIQUE (domain_id, selector),
    CHECK (status <> 'active' OR activated_at IS NOT NULL),
    CHECK ((status = 'retired') = (retired_at IS NOT NULL))
);
COMMENT ON TABLE dkim_keys IS
    'DKIM key pairs, several selectors per domain: at most one active and one pending (rotation) at a time, retired ones until their record may be removed. Private keys are stored only as AEAD ciphertext + nonce + key-encryption key id/version.';
COMMENT ON COLUMN dkim_keys.algorithm IS 'DkimKeyAlgorithm proto numbers: 1 RSA_2048 (rsa-sha256), 2 ED25519 (ed25519-sha256)';
CREATE UNIQUE INDEX dkim_keys_one_active ON dkim_keys (domain_id) WHERE status = 'active';
CREATE UNIQUE INDEX dkim_keys_one_pending ON dkim_keys (domain_id) WHERE status = 'pending';

CREATE TABLE domain_dns_records (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    domain_id                   uuid NOT NULL,
    -- DnsRecordPurpose proto numbers: 1 DKIM, 2 SPF, 3 DMARC, 4 RETURN_PATH.
    purpose                     smallint NOT NULL CHECK (purpose BETWEEN 1 AND 4),
    -- DnsRecordType proto numbers: 1 TXT, 2 CNAME, 3 MX.
    record_type                 smallint NOT NULL CHECK (record_type BETWEEN 1 AND 3),
    -- Where to publish: the full name (no trailing dot) and the name relative to the domain.
    name                        text NOT NULL,
    host                        text NOT NULL,
    -- The expected value (full TXT text, CNAME target or MX host).
    value                       text NOT NULL,
    priority                    integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 65535),
    required                    boolean NOT NULL,
    -- The DKIM key the record publishes (purpose DKIM only); deleted with the key.
    dkim_key_id                 uuid REFERENCES dkim_keys ON DELETE CASCADE,
    -- The result of the last check. DnsRecordCheckState proto numbers: 1 NOT_CHECKED,
    -- 2 VERIFIED, 3 MISSING, 4 MISMATCHED, 5 LOOKUP_FAILED.
    check_state                 smallint NOT NULL DEFAULT 1 CHECK (check_state BETWEEN 1 AND 5),
    found_values                text[] NOT NULL DEFAULT '{}',
    explanation                 text NOT NULL DEFAULT '',
    spf_add_include             boolean NOT NULL DEFAULT false,
    spf_include                 text NOT NULL DEFAULT '',
    checked_at                  timestamptz,
    FOREIGN KEY (organization_id, domain_id) REFERENCES domains (organization_id, id) ON DELETE CASCADE,
    UNIQUE (domain_id, purpose, name),
    CHECK ((purpose = 1) = (dkim_key_id IS NOT NULL)),
    CHECK ((check_state = 1) = (checked_at IS NULL))
);
COMMENT ON TABLE domain_dns_records IS
    'The DNS records a domain publishes (DKIM per selector, SPF, DMARC, return-path), each with the expected value and the result of the last check: state, found values, explanation, checked_at.';
COMMENT ON COLUMN domain_dns_records.purpose IS 'DnsRecordPurpose proto numbers: 1 DKIM, 2 SPF, 3 DMARC, 4 RETURN_PATH';
COMMENT ON COLUMN domain_dns_records.record_type IS 'DnsRecordType proto numbers: 1 TXT, 2 CNAME, 3 MX';
COMMENT ON COLUMN domain_dns_records.check_state IS 'DnsRecordCheckState proto numbers: 1 NOT_CHECKED, 2 VERIFIED, 3 MISSING, 4 MISMATCHED, 5 LOOKUP_FAILED';
CREATE INDEX domain_dns_records_dkim_key_idx ON domain_dns_records (dkim_key_id) WHERE dkim_key_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Templates
-- ---------------------------------------------------------------------------------------------

CREATE TABLE templates (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- C collation: byte order for ListTemplates and index support for `name LIKE 'prefix%'`.
    name                        text COLLATE "C" NOT NULL CHECK (name ~ '^[a-z][a-z0-9_-]{0,63}$'),
    description                 text NOT NULL DEFAULT '' CHECK (char_length(description) <= 1024),
    subject                     text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 998),
    html_body                   text NOT NULL DEFAULT '',
    text_body                   text NOT NULL DEFAULT '',
    -- Declared variables, in display order: [{"name", "required", "default_value"?, "description"}].
    variables                   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(variables) = 'array'),
    sample_variables            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(sample_variables) = 'object'),
    labels                      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(labels) = 'object'),
    -- 1 at creation, +1 per update (optimistic locking: UPDATE ... WHERE version = $expected).
    version                     bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    CHECK (html_body <> '' OR text_body <> ''),
    CHECK (octet_length(html_body) + octet_length(text_body) <= 524288)
);
COMMENT ON TABLE templates IS
    'Stored Mustache templates; name unique per organization; version incremented by every update. Hard-deleted: messages keep their rendered content and record template_id as a plain uuid.';
CREATE UNIQUE INDEX templates_org_name_key ON templates (organization_id, name);

-- ---------------------------------------------------------------------------------------------
-- Messages (the email log), recipients, content, attachments
-- ---------------------------------------------------------------------------------------------

CREATE TABLE messages (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- The sending domain; domains are soft-deleted, so this reference stays valid.
    domain_id                   uuid NOT NULL,
    from_address                text NOT NULL,
    from_name                   text NOT NULL DEFAULT '',
    -- Reply-To addresses: [{"address": ..., "name": ...}].
    reply_to                    jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reply_to) = 'array'),
    -- The subject as sent (rendered, for a template).
    subject                     text NOT NULL CHECK (char_length(subject) <= 998),
    -- The caller's extra MIME headers, in order: [{"name": ..., "value": ...}].
    headers                     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(headers) = 'array'),
    tags                        text[] NOT NULL DEFAULT '{}' CHECK (
                                    coalesce(array_ndims(tags), 1) = 1
                                    AND cardinality(tags) <= 10 AND tags_are_valid(tags)),
    metadata                    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    -- MessageStatus proto numbers: 1 QUEUED, 2 SENT, 3 DELIVERED, 4 DEFERRED, 5 BOUNCED,
    -- 6 FAILED, 7 SUPPRESSED. The aggregate of the recipients' statuses, kept by the app.
    status                      smallint NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 7),
    -- As given in the request (the idempotency_keys table enforces it); NULL when none.
    idempotency_key             text,
    -- The template the body was rendered from, and its version; NULL for a written-out body.
    -- No FOREIGN KEY: deleting a template must not rewrite the log.
    template_id                 uuid,
    template_version            bigint,
    -- The API key that sent it; NULL when sent otherwise. No FOREIGN KEY (log fact).
    api_key_id                  uuid,
    -- The Message-ID header Relay wrote, such as `<msg_...@relay.example.com>`. It embeds the
    -- public message id, so bounces and replies are matched by parsing it (no index needed).
    rfc822_message_id           text NOT NULL,
    -- Size of the encoded MIME message (headers and attachments included); 0 until encoded.
    size_bytes                  bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
    attachment_count            integer NOT NULL DEFAULT 0 CHECK (attachment_count BETWEEN 0 AND 100),
    -- Tracking and List-Unsubscribe as resolved at acceptance (request, else domain default).
    track_opens                 boolean NOT NULL DEFAULT false,
    track_clicks                boolean NOT NULL DEFAULT false,
    list_unsubscribe            jsonb CHECK (jsonb_typeof(list_unsubscribe) = 'object'),
    -- Scheduled sending time (at most 72 h ahead); NULL: sent right away.
    send_at                     timestamptz,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, domain_id) REFERENCES domains (organization_id, id),
    CHECK ((template_id IS NULL) = (template_version IS NULL))
);
COMMENT ON TABLE messages IS
    'The email log: one row per accepted message (kept 45 days). Bodies and sent MIME headers live in message_contents (7 days), files in message_attachments, recipients in message_recipients.';
COMMENT ON COLUMN messages.status IS 'MessageStatus proto numbers: 1 QUEUED, 2 SENT, 3 DELIVERED, 4 DEFERRED, 5 BOUNCED, 6 FAILED, 7 SUPPRESSED';
-- Log searches: every index leads with organization_id and ends with created_at, so each filter
-- is an index range read in time order (keyset pages on (created_at, id), either direction).
CREATE INDEX messages_org_created_idx  ON messages (organization_id, created_at, id);
CREATE INDEX messages_org_status_idx   ON messages (organization_id, status, created_at);
-- Also serves the foreign-key checks of the composite reference to domains.
CREATE INDEX messages_org_domain_idx   ON messages (organization_id, domain_id, created_at);
CREATE INDEX messages_org_template_idx ON messages (organization_id, template_id, created_at)
    WHERE template_id IS NOT NULL;
-- Tag filter (`tags @> ARRAY[$tag]`), combined with the organization and time predicates.
CREATE INDEX messages_tags_idx ON messages USING gin (tags);
-- Retention (DELETE ... WHERE created_at < now() - 45 days): rows arrive in time order.
CREATE INDEX messages_created_brin ON messages USING brin (created_at);

CREATE TABLE message_recipients (
    message_id                  uuid NOT NULL REFERENCES messages ON DELETE CASCADE,
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- The address normalized as for suppressions (lower case, IDNA domain to Unicode): the
    -- search key and the key of the row within its message (duplicates are removed at send).
    normalized_address          text NOT NULL CHECK (normalized_address !~ '[A-Z]'),
    -- The address and display name as given.
    address                     text NOT NULL,
    display_name                text NOT NULL DEFAULT '',
    -- RecipientType proto numbers: 1 TO, 2 CC, 3 BCC.
    kind                        smallint NOT NULL CHECK (kind BETWEEN 1 AND 3),
    -- Request order (to, then cc, then bcc), from 0.
    position                    smallint NOT NULL CHECK (position BETWEEN 0 AND 49),
    -- MessageStatus proto numbers (see messages.status).
    status                      smallint NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 7),
    attempts                    integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    detail                      text NOT NULL DEFAULT '',
    smtp_code                   smallint CHECK (smtp_code BETWEEN 200 AND 599),
    enhanced_status             text NOT NULL DEFAULT '',
    mx_host                     text NOT NULL DEFAULT '',
    next_attempt_at             timestamptz,
    open_count                  integer NOT NULL DEFAULT 0 CHECK (open_count >= 0),
    click_count                 integer NOT NULL DEFAULT 0 CHECK (click_count >= 0),
    -- The suppression entry that made Relay skip it; no FOREIGN KEY (entries are removed and
    -- re-added with new ids; the log keeps the one that applied).
    suppression_id              uuid,
    -- Copy of messages.created_at, so that recipient searches are index range reads in time order.
    message_created_at          timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, normalized_address),
    CHECK (status <> 4 OR next_attempt_at IS NOT NULL)
) WITH (fillfactor = 85);
COMMENT ON TABLE message_recipients IS
    'The distinct recipients of a message (to/cc/bcc) with their own delivery status, attempts, last SMTP outcome, next attempt and engagement counters.';
COMMENT ON COLUMN message_recipients.kind IS 'EmailMessage.RecipientType proto numbers: 1 TO, 2 CC, 3 BCC';
COMMENT ON COLUMN message_recipients.status IS 'MessageStatus proto numbers: 1 QUEUED, 2 SENT, 3 DELIVERED, 4 DEFERRED, 5 BOUNCED, 6 FAILED, 7 SUPPRESSED';
-- Recipient filter of the log search (MessageFilter.recipient).
CREATE INDEX message_recipients_org_address_idx
    ON message_recipients (organization_id, normalized_address, message_created_at);

CREATE TABLE message_contents (
    message_id                  uuid PRIMARY KEY REFERENCES messages ON DELETE CASCADE,
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- The bodies as sent (rendered, tracking applied once the MIME is built).
    html_body                   text NOT NULL DEFAULT '',
    text_body                   text NOT NULL DEFAULT '',
    -- Every MIME header as sent, Relay's own included, in order: [{"name", "value"}]; NULL
    -- until the delivery worker has built the MIME message.
    mime_headers                jsonb CHECK (jsonb_typeof(mime_headers) = 'array'),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    CHECK (html_body <> '' OR text_body <> '')
);
COMMENT ON TABLE message_contents IS
    'The content of a message (MessageView FULL): bodies and the MIME headers as sent. Deleted 7 days after creation (the message row stays 45 days).';
CREATE INDEX message_contents_created_brin ON message_contents USING brin (created_at);

CREATE TABLE message_attachments (
    message_id                  uuid NOT NULL REFERENCES messages ON DELETE CASCADE,
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    position                    smallint NOT NULL CHECK (position BETWEEN 0 AND 99),
    filename                    text NOT NULL CHECK (filename !~ '[/\\]'),
    content_type                text NOT NULL DEFAULT 'application/octet-stream',
    content_id                  text NOT NULL DEFAULT '',
    size_bytes                  bigint NOT NULL CHECK (size_bytes >= 0),
    content                     bytea NOT NULL,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, position),
    CHECK (size_bytes = octet_length(content))
);
COMMENT ON TABLE message_attachments IS
    'Files attached to a message (bytes in bytea, TOASTed out of line). Deleted with the content, 7 days after creation; messages.attachment_count keeps the count.';
CREATE INDEX message_attachments_created_brin ON message_attachments USING brin (created_at);

-- ---------------------------------------------------------------------------------------------
-- The delivery queue
-- ---------------------------------------------------------------------------------------------

CREATE TABLE delivery_jobs (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- One job per message: it delivers the recipients still QUEUED or DEFERRED.
    message_id                  uuid NOT NULL UNIQUE REFERENCES messages ON DELETE CASCADE,
    -- 'pending': waits for run_after; 'running': leased by lease_owner until lease_expires_at;
    -- 'dead': crashed too often (an internal error, not a delivery outcome), kept for operators.
    -- A finished job (delivered, bounced or given up, all recorded on the recipients and in
    -- events) is DELETED, so the table holds only live work.
    state                       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'dead')),
    -- Claims made so far; also the fencing token of the current lease.
    attempts                    integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- When the job is due (next_attempt_at). While 'running' it equals lease_expires_at, so a
    -- job whose worker died becomes due again by itself, through the same index.
    run_after                   timestamptz NOT NULL DEFAULT now(),
    lease_owner                 text,
    lease_expires_at            timestamptz,
    last_error                  text NOT NULL DEFAULT '',
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'running') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
);
COMMENT ON TABLE delivery_jobs IS
    'The outbound delivery queue, one job per message. Workers claim due jobs with FOR UPDATE SKIP LOCKED through the partial index on run_after; a lease (owner, expiry, attempts as fencing token) guards each claim; finished jobs are deleted.';
-- Due jobs: WHERE state IN ('pending', 'running') AND run_after <= now() ORDER BY run_after.
CREATE INDEX delivery_jobs_due_idx ON delivery_jobs (run_after) WHERE state IN ('pending', 'running');
CREATE INDEX delivery_jobs_org_idx ON delivery_jobs (organization_id);

-- ---------------------------------------------------------------------------------------------
-- Message events (append-only, the unit of the live event stream)
-- ---------------------------------------------------------------------------------------------
--
-- Stream cursor. An identity value is assigned when a row is INSERTED, not when its transaction
-- COMMITS: transaction A may take id 10, B id 11, and B commit first. A reader that returned 11
-- and resumed "after 11" would never see 10. So:
--   * every event records the inserting transaction's id: txid = pg_current_xact_id() (xid8,
--     64-bit, never wraps);
--   * the stream order is (txid, id), and the cursor is the pair;
--   * readers only read events with txid < pg_snapshot_xmin(pg_current_snapshot()): every
--     transaction below that xmin has finished, so no row can later appear below the frontier;
--     rows of transactions still running wait until those commit (or vanish if they abort).
--     Page query:
--       SELECT ... FROM message_events
--       WHERE organization_id = $1 AND (txid, id) > ($cursor_txid, $cursor_id)
--         AND txid < pg_snapshot_xmin(pg_current_snapshot())
--       ORDER BY txid, id LIMIT $n;
--   * a heartbeat with nothing new may report (xmin, 0) as its position.
-- Keep event-writing transactions short: a long write transaction holds xmin back and delays
-- the stream (never loses events). Read on the primary. A logical dump/restore into a new
-- cluster restarts transaction ids: the stored txid values would then be ahead of new ones.
CREATE TABLE message_events (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid                        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    message_id                  uuid NOT NULL REFERENCES messages ON DELETE CASCADE,
    -- EventType proto numbers: 1 QUEUED, 2 SENT, 3 DELIVERED, 4 DEFERRED, 5 BOUNCED, 6 FAILED,
    -- 7 SUPPRESSED, 8 OPENED, 9 CLICKED, 10 COMPLAINED, 11 UNSUBSCRIBED.
    event_type                  smallint NOT NULL CHECK (event_type BETWEEN 1 AND 11),
    -- The recipient's normalized address; NULL for an event about the whole message.
    recipient                   text,
    occurred_at                 timestamptz NOT NULL,
    recorded_at                 timestamptz NOT NULL DEFAULT now(),
    -- SMTP response text, bounce reason, clicked URL, ...
    detail                      text NOT NULL DEFAULT '',
    smtp_code                   smallint CHECK (smtp_code BETWEEN 200 AND 599),
    enhanced_status             text NOT NULL DEFAULT '',
    attempt                     integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    -- Type-specific extras (bounce class, DSN/ARF report fields, feedback type, user agent, IP).
    data                        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object')
);
COMMENT ON TABLE message_events IS
    'Append-only log of delivery events (also the record of bounces and complaints, types 5 and 10). Stream order and cursor: (txid, id), read only below pg_snapshot_xmin(pg_current_snapshot()). UPDATE is refused; DELETE only by purge_message_events or by cascade from messages.';
COMMENT ON COLUMN message_events.event_type IS 'EventType proto numbers: 1 QUEUED, 2 SENT, 3 DELIVERED, 4 DEFERRED, 5 BOUNCED, 6 FAILED, 7 SUPPRESSED, 8 OPENED, 9 CLICKED, 10 COMPLAINED, 11 UNSUBSCRIBED';
COMMENT ON COLUMN message_events.txid IS 'Inserting transaction id; cursor = (txid, id); readers stop below pg_snapshot_xmin(pg_current_snapshot())';
-- Stream resume: range read from the cursor in stream order.
CREATE INDEX message_events_stream_idx ON message_events (organization_id, txid, id);
-- A message's timeline (GetMessage) and the message_id stream filter; the FK's cascade.
CREATE INDEX message_events_message_idx ON message_events (message_id, occurred_at);
-- start_time replay and alert windows: events of an organization by time.
CREATE INDEX message_events_org_occurred_idx ON message_events (organization_id, occurred_at);
CREATE TRIGGER message_events_append_only
    BEFORE UPDATE OR DELETE ON message_events
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_log_mutation();

-- Retention of events on their own (they also go with their message). Deletes at most
-- max_rows events recorded before `before`, oldest first; returns how many. Call in a loop.
CREATE FUNCTION purge_message_events(before timestamptz, max_rows integer DEFAULT 10000)
    RETURNS bigint
    LANGUAGE plpgsql
    AS $$
DECLARE
    deleted bigint;
BEGIN
    PERFORM set_config('relay.log_retention', 'on', true);
    DELETE FROM message_events
    WHERE id IN (SELECT id FROM message_events
                 WHERE recorded_at < before
                 ORDER BY id
                 LIMIT max_rows);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('relay.log_retention', 'off', true);
    RETURN deleted;
END
$$;
COMMENT ON FUNCTION purge_message_events(timestamptz, integer) IS
    'The only direct way to DELETE from message_events: removes up to max_rows events recorded before the given time.';

-- ---------------------------------------------------------------------------------------------
-- Delivery statistics (rollups: events are kept 45 days, statistics 2 years)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE delivery_stats (
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- Start of a 15-minute bucket (UTC), so days of any time zone (offsets of :30, :45) align.
    bucket_start                timestamptz NOT NULL CHECK (
                                    extract(epoch FROM bucket_start)::bigint % 900 = 0),
    domain_id                   uuid NOT NULL,
    -- The message's tag set in canonical form (canonical_tags), so that "carries any of these
    -- tags" and "one series per tag" are both exact: filter with &&, group with unnest.
    tags                        text[] NOT NULL DEFAULT '{}' CHECK (tags = canonical_tags(tags)),
    -- DeliveryCounts: recipients, counted at their first event of each kind (opened and
    -- clicked count every event; unique_* count a recipient's first one).
    queued                      bigint NOT NULL DEFAULT 0,
    sent                        bigint NOT NULL DEFAULT 0,
    delivered                   bigint NOT NULL DEFAULT 0,
    deferred                    bigint NOT NULL DEFAULT 0,
    bounced                     bigint NOT NULL DEFAULT 0,
    failed                      bigint NOT NULL DEFAULT 0,
    suppressed                  bigint NOT NULL DEFAULT 0,
    opened                      bigint NOT NULL DEFAULT 0,
    clicked                     bigint NOT NULL DEFAULT 0,
    complained                  bigint NOT NULL DEFAULT 0,
    unsubscribed                bigint NOT NULL DEFAULT 0,
    unique_opened               bigint NOT NULL DEFAULT 0,
    unique_clicked              bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, bucket_start, domain_id, tags),
    FOREIGN KEY (organization_id, domain_id) REFERENCES domains (organization_id, id)
);
COMMENT ON TABLE delivery_stats IS
    'Counters per organization, 15-minute bucket, domain and tag set, incremented with INSERT ... ON CONFLICT DO UPDATE as events are recorded. Feeds GetDeliveryStats (2 years), GetComplianceStatus (bounce/complaint rates, up to 90 days) and alert rules.';

-- ---------------------------------------------------------------------------------------------
-- Suppressions
-- ---------------------------------------------------------------------------------------------

CREATE TABLE suppressions (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- Normalized: local part and domain lower case, domain IDNA-decoded to Unicode. C
    -- collation: code-point order for exports and index support for prefix searches.
    address                     text COLLATE "C" NOT NULL CHECK (
                                    char_length(address) <= 254
                                    AND address !~ '[A-Z]'
                                    AND address ~ '^.+@[^@]+$'),
    domain                      text COLLATE "C" GENERATED ALWAYS AS (substring(address FROM '@([^@]+)$')) STORED,
    -- SuppressionReason proto numbers: 1 HARD_BOUNCE, 2 COMPLAINT, 3 MANUAL, 4 UNSUBSCRIBE,
    -- 5 INVALID_ADDRESS, 6 REPEATED_SOFT_BOUNCE.
    reason                      smallint NOT NULL CHECK (reason BETWEEN 1 AND 6),
    -- SuppressionOrigin proto numbers: 1 AUTOMATIC, 2 MANUAL, 3 IMPORT.
    origin                      smallint NOT NULL CHECK (origin BETWEEN 1 AND 3),
    detail                      text NOT NULL DEFAULT '' CHECK (char_length(detail) <= 1024),
    -- The message whose bounce, complaint or unsubscribe caused it; no FOREIGN KEY (messages
    -- are purged after 45 days, suppressions stay).
    source_message_id           uuid,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    -- NULL: never expires. Expired rows are ignored by lookups and deleted by a cleanup job.
    expires_at                  timestamptz,
    CHECK ((origin = 1) OR source_message_id IS NULL)
);
COMMENT ON TABLE suppressions IS
    'The suppression list: at most one entry per organization and normalized address; reason, origin, source message, expiry. Checked on every send.';
COMMENT ON COLUMN suppressions.reason IS 'SuppressionReason proto numbers: 1 HARD_BOUNCE, 2 COMPLAINT, 3 MANUAL, 4 UNSUBSCRIBE, 5 INVALID_ADDRESS, 6 REPEATED_SOFT_BOUNCE';
COMMENT ON COLUMN suppressions.origin IS 'SuppressionOrigin proto numbers: 1 AUTOMATIC, 2 MANUAL, 3 IMPORT';
-- The send-path lookup (address = ANY($addresses)), uniqueness, prefix search, export order.
CREATE UNIQUE INDEX suppressions_org_address_key ON suppressions (organization_id, address);
-- ListSuppressions: newest first (create_time desc, then address).
CREATE INDEX suppressions_org_created_idx ON suppressions (organization_id, created_at, address);
CREATE INDEX suppressions_org_domain_idx ON suppressions (organization_id, domain);
CREATE INDEX suppressions_expires_idx ON suppressions (expires_at) WHERE expires_at IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Rate-limit counters and idempotency records
-- ---------------------------------------------------------------------------------------------

-- UNLOGGED: counters are short-lived; after a crash they restart at zero (limits are briefly
-- lenient), and no WAL is written for the hottest upsert of the service.
CREATE UNLOGGED TABLE rate_limit_counters (
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- 'organization' (scope_id = organization id) or 'key' (scope_id = API key id).
    scope                       text NOT NULL CHECK (scope IN ('organization', 'key')),
    scope_id                    uuid NOT NULL,
    -- The window kind, as its length: 1 (second), 60 (minute), 3600 (hour), 86400 (day).
    window_seconds              integer NOT NULL CHECK (window_seconds IN (1, 60, 3600, 86400)),
    -- The window's start, aligned to its length (epoch seconds divisible by window_seconds).
    window_start                timestamptz NOT NULL,
    count                       bigint NOT NULL CHECK (count >= 0),
    PRIMARY KEY (scope, scope_id, window_seconds, window_start),
    CHECK (scope <> 'organization' OR scope_id = organization_id)
);
COMMENT ON TABLE rate_limit_counters IS
    'Fixed-window call counters per organization or API key (second, minute, hour, day), shared by all instances. Increment: INSERT ... ON CONFLICT (scope, scope_id, window_seconds, window_start) DO UPDATE SET count = rate_limit_counters.count + EXCLUDED.count RETURNING count. UNLOGGED.';
-- Cleanup of past windows (rows arrive in time order).
CREATE INDEX rate_limit_counters_window_brin ON rate_limit_counters USING brin (window_start);

CREATE TABLE idempotency_keys (
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- Which RPC the key belongs to: keys are scoped to the organization and the operation.
    operation                   text NOT NULL CHECK (operation IN ('send_email', 'create_template', 'create_route', 'upsert_alert_rule')),
    key                         text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255 AND key ~ '^[ -~]+$'),
    -- SHA-256 of the canonical request: same key with another fingerprint is ALREADY_EXISTS.
    request_hash                bytea NOT NULL CHECK (octet_length(request_hash) = 32),
    -- The resource the first request created (message, template, route or alert rule).
    resource_id                 uuid,
    -- The serialized response of the first request; NULL while it is still being processed
    -- (a concurrent retry gets ABORTED).
    response                    bytea,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    completed_at                timestamptz,
    -- 24 hours after creation. An expired row is ignored and may be taken over:
    -- INSERT ... ON CONFLICT (...) DO UPDATE ... WHERE idempotency_keys.expires_at <= now().
    expires_at                  timestamptz NOT NULL DEFAULT now() + interval '24 hours',
    PRIMARY KEY (organization_id, operation, key),
    CHECK ((response IS NULL) = (completed_at IS NULL))
);
COMMENT ON TABLE idempotency_keys IS
    'Idempotency records of SendEmail (idempotency_key) and of the request_id of CreateTemplate, CreateRoute and UpsertAlertRule: request fingerprint, stored response, 24-hour expiry.';
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);

-- ---------------------------------------------------------------------------------------------
-- Alert rules
-- ---------------------------------------------------------------------------------------------

CREATE TABLE alert_rules (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    name                        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    -- AlertMetric proto numbers: 1 BOUNCE_RATE, 2 COMPLAINT_RATE, 3 DELIVERY_RATE,
    -- 4 DEFERRAL_RATE, 5 SEND_VOLUME, 6 FAILURE_RATE, 7 OPEN_RATE, 8 CLICK_RATE.
    metric                      smallint NOT NULL CHECK (metric BETWEEN 1 AND 8),
    -- AlertComparison proto numbers: 1 ABOVE, 2 BELOW.
    comparison                  smallint NOT NULL CHECK (comparison IN (1, 2)),
    threshold                   double precision NOT NULL CHECK (
                                    threshold >= 0 AND (metric = 5 OR threshold <= 1)),
    window_seconds              integer NOT NULL CHECK (window_seconds BETWEEN 300 AND 604800),
    -- Domain name and tag filters; '' means every domain / every message.
    domain                      text NOT NULL DEFAULT '',
    tag                         text NOT NULL DEFAULT '',
    -- 1 to 10 channels, each an object with exactly one of "webhook_url", "email_address",
    -- "event_bus_topic".
    channels                    jsonb NOT NULL CHECK (
                                    jsonb_typeof(channels) = 'array'
                                    AND jsonb_array_length(channels) BETWEEN 1 AND 10),
    enabled                     boolean NOT NULL DEFAULT true,
    -- NULL: 100.
    minimum_sample_size         bigint CHECK (minimum_sample_size >= 0),
    -- NULL: notify only on transitions.
    renotify_interval_seconds   integer CHECK (renotify_interval_seconds > 0),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    -- Evaluation state. AlertRuleState proto numbers: 1 OK, 2 TRIGGERED, 3 INSUFFICIENT_DATA,
    -- 4 DISABLED.
    state                       smallint NOT NULL DEFAULT 1 CHECK (state BETWEEN 1 AND 4),
    last_value                  double precision NOT NULL DEFAULT 0,
    last_evaluated_at           timestamptz,
    last_triggered_at           timestamptz,
    last_notified_at            timestamptz
);
COMMENT ON TABLE alert_rules IS
    'Alert rules on delivery metrics (AnalyticsService): metric, comparison, threshold, window, domain/tag filters, notification channels, and the state of the last evaluation.';
COMMENT ON COLUMN alert_rules.metric IS 'AlertMetric proto numbers: 1 BOUNCE_RATE, 2 COMPLAINT_RATE, 3 DELIVERY_RATE, 4 DEFERRAL_RATE, 5 SEND_VOLUME, 6 FAILURE_RATE, 7 OPEN_RATE, 8 CLICK_RATE';
COMMENT ON COLUMN alert_rules.comparison IS 'AlertComparison proto numbers: 1 ABOVE, 2 BELOW';
COMMENT ON COLUMN alert_rules.state IS 'AlertRuleState proto numbers: 1 OK, 2 TRIGGERED, 3 INSUFFICIENT_DATA, 4 DISABLED';
-- ListAlertRules: oldest first.
CREATE INDEX alert_rules_org_created_idx ON alert_rules (organization_id, created_at, id);

-- ---------------------------------------------------------------------------------------------
-- Inbound mail
-- ---------------------------------------------------------------------------------------------

CREATE TABLE inbound_routes (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- `local@domain` or `*@domain`, lower case.
    match_pattern               text NOT NULL CHECK (match_pattern !~ '[A-Z]' AND match_pattern ~ '^[^@]+@[^@]+$'),
    description                 text NOT NULL DEFAULT '' CHECK (char_length(description) <= 200),
    priority                    integer NOT NULL CHECK (priority BETWEEN 0 AND 1000),
    -- RouteDestination proto numbers: 1 HELPDESK_TICKET, 2 CRM_ACTIVITY, 3 PORTAL_REPLY,
    -- 4 WEBHOOK.
    destination                 smallint NOT NULL CHECK (destination BETWEEN 1 AND 4),
    -- The destination's settings without secrets, keyed as in the proto:
    --   1 {"queue_id", "tags"}            2 {"board_id", "create_unknown_contacts"}
    --   3 {"portal_id", "require_thread_match"}
    --   4 {"endpoint_url", "include_raw_mime", "http_header_names"}
    settings                    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    -- Write-only secrets (webhook signing_secret and http_headers values), ENCRYPTED like DKIM
    -- private keys: AEAD ciphertext of the JSON {"signing_secret", "http_headers": {...}}.
    secrets_ciphertext          bytea,
    secrets_nonce               bytea CHECK (octet_length(secrets_nonce) BETWEEN 12 AND 24),
    encryption_key_id           text,
    encryption_key_version      integer CHECK (encryption_key_version >= 1),
    enabled                     boolean NOT NULL DEFAULT true,
    -- SpamHandling proto numbers: 1 DELIVER, 2 QUARANTINE, 3 DROP.
    spam_handling               smallint NOT NULL DEFAULT 2 CHECK (spam_handling BETWEEN 1 AND 3),
    -- NULL: 5.0.
    spam_score_threshold        double precision,
    enforce_dmarc_reject        boolean NOT NULL DEFAULT false,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, match_pattern, priority),
    CHECK (num_nulls(secrets_ciphertext, secrets_nonce, encryption_key_id, encryption_key_version) IN (0, 4)),
    CHECK (destination = 4 OR secrets_ciphertext IS NULL)
);
COMMENT ON TABLE inbound_routes IS
    'Inbound routes: match pattern, priority, destination kind (helpdesk/crm/portal/webhook) and its settings; webhook secrets encrypted at rest. Hard-deleted: inbound messages keep route_id as a plain uuid.';
COMMENT ON COLUMN inbound_routes.destination IS 'RouteDestination proto numbers: 1 HELPDESK_TICKET, 2 CRM_ACTIVITY, 3 PORTAL_REPLY, 4 WEBHOOK';
COMMENT ON COLUMN inbound_routes.spam_handling IS 'SpamHandling proto numbers: 1 DELIVER, 2 QUARANTINE, 3 DROP';
-- ListRoutes: evaluation order.
CREATE INDEX inbound_routes_org_order_idx ON inbound_routes (organization_id, priority, created_at);
-- SMTP-time routing: the organization is not known yet, only the recipient (exact address or
-- `*@domain`).
CREATE INDEX inbound_routes_pattern_idx ON inbound_routes (match_pattern, priority) WHERE enabled;

-- Arrival cursor: `seq` + `txid`, exactly as message_events (id, txid): stream order (txid, seq),
-- read only below pg_snapshot_xmin(pg_current_snapshot()). Rows are updated (delivery state),
-- but txid and seq are set once, at arrival.
CREATE TABLE inbound_messages (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq                         bigint GENERATED ALWAYS AS IDENTITY,
    txid                        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- The route that matched; NULL when unrouted. No FOREIGN KEY: deleted routes stay named.
    route_id                    uuid,
    -- RouteDestination proto numbers, the route's destination at arrival; NULL when unrouted.
    destination                 smallint CHECK (destination BETWEEN 1 AND 4),
    envelope_sender             text NOT NULL DEFAULT '',
    envelope_recipient          text NOT NULL,
    from_address                text NOT NULL DEFAULT '',
    from_name                   text NOT NULL DEFAULT '',
    -- [{"address", "name"}] each.
    to_addresses                jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(to_addresses) = 'array'),
    cc_addresses                jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(cc_addresses) = 'array'),
    reply_to                    jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reply_to) = 'array'),
    subject                     text NOT NULL DEFAULT '',
    text_body                   text NOT NULL DEFAULT '',
    html_body                   text NOT NULL DEFAULT '',
    stripped_text_reply         text NOT NULL DEFAULT '',
    -- Every header in order, unfolded and decoded: [{"name", "value"}].
    headers                     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(headers) = 'array'),
    -- Attachment metadata only: [{"filename", "content_type", "content_id", "size_bytes"}].
    attachments                 jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array'),
    message_id_header           text NOT NULL DEFAULT '',
    in_reply_to                 text NOT NULL DEFAULT '',
    -- The References header's Message-IDs, oldest first.
    reference_ids               text[] NOT NULL DEFAULT '{}',
    -- The Relay message it answers; no FOREIGN KEY (messages are purged on their own schedule).
    thread_message_id           uuid,
    -- SpamVerdict proto numbers: 1 CLEAN, 2 SUSPECT, 3 SPAM; NULL: not scanned.
    spam_verdict                smallint CHECK (spam_verdict BETWEEN 1 AND 3),
    spam_score                  double precision,
    -- AuthenticationResult proto numbers: 1 NONE, 2 PASS, 3 FAIL, 4 SOFTFAIL, 5 NEUTRAL,
    -- 6 TEMPERROR, 7 PERMERROR; NULL: not run.
    spf_result                  smallint CHECK (spf_result BETWEEN 1 AND 7),
    dkim_result                 smallint CHECK (dkim_result BETWEEN 1 AND 7),
    dmarc_result                smallint CHECK (dmarc_result BETWEEN 1 AND 7),
    received_at                 timestamptz NOT NULL DEFAULT now(),
    -- InboundDeliveryState proto numbers: 1 PENDING, 2 DELIVERED, 3 RETRYING, 4 FAILED,
    -- 5 QUARANTINED, 6 DROPPED, 7 UNROUTED.
    delivery_state              smallint NOT NULL DEFAULT 1 CHECK (delivery_state BETWEEN 1 AND 7),
    delivery_attempts           integer NOT NULL DEFAULT 0 CHECK (delivery_attempts >= 0),
    delivery_error              text NOT NULL DEFAULT '',
    delivered_at                timestamptz,
    destination_reference       text NOT NULL DEFAULT '',
    -- Size of the raw message as received.
    size_bytes                  bigint NOT NULL CHECK (size_bytes >= 0),
    CHECK ((route_id IS NULL) = (delivery_state = 7)),
    CHECK ((route_id IS NULL) = (destination IS NULL)),
    CHECK ((delivery_state = 2) = (delivered_at IS NOT NULL))
);
COMMENT ON TABLE inbound_messages IS
    'Mail received for the organization''s inbound domains (kept 30 days): envelope, parsed headers and bodies, spam and authentication verdicts, route and hand-over state. Arrival cursor (txid, seq) for StreamInbound. The raw MIME is in inbound_raw_messages.';
COMMENT ON COLUMN inbound_messages.delivery_state IS 'InboundDeliveryState proto numbers: 1 PENDING, 2 DELIVERED, 3 RETRYING, 4 FAILED, 5 QUARANTINED, 6 DROPPED, 7 UNROUTED';
CREATE INDEX inbound_messages_stream_idx ON inbound_messages (organization_id, txid, seq);
CREATE INDEX inbound_messages_org_received_idx ON inbound_messages (organization_id, received_at);
CREATE INDEX inbound_messages_org_thread_idx ON inbound_messages (organization_id, thread_message_id)
    WHERE thread_message_id IS NOT NULL;
CREATE INDEX inbound_messages_received_brin ON inbound_messages USING brin (received_at);

CREATE TABLE inbound_raw_messages (
    inbound_message_id          uuid PRIMARY KEY REFERENCES inbound_messages ON DELETE CASCADE,
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    -- The message exactly as received (RFC 5322), at most 40 MB.
    raw_mime                    bytea NOT NULL
);
COMMENT ON TABLE inbound_raw_messages IS
    'The raw MIME of an inbound message, for the hand-over (webhook include_raw_mime, attachments) and its retries. Never stored for DROPPED and UNROUTED messages; deleted with the message.';

CREATE TABLE inbound_delivery_jobs (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id             uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
    inbound_message_id          uuid NOT NULL UNIQUE REFERENCES inbound_messages ON DELETE CASCADE,
    -- Same states, lease and deletion rules as delivery_jobs.
    state                       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'dead')),
    attempts                    integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    run_after                   timestamptz NOT NULL DEFAULT now(),
    lease_owner                 text,
    lease_expires_at            timestamptz,
    last_error                  text NOT NULL DEFAULT '',
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'running') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
);
COMMENT ON TABLE inbound_delivery_jobs IS
    'The queue of inbound hand-overs to route destinations (retries with backoff for up to 3 days); same design as delivery_jobs.';
CREATE INDEX inbound_delivery_jobs_due_idx ON inbound_delivery_jobs (run_after) WHERE state IN ('pending', 'running');
CREATE INDEX inbound_delivery_jobs_org_idx ON inbound_delivery_jobs (organization_id);
