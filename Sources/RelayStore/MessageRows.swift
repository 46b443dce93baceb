internal import Foundation
internal import RelayDomain
internal import RelayPostgres

/// The SQL of a message's rows: the inserts of an accepted message and the columns read back.
enum MessageRows {
    /// The `messages` columns, for a table aliased `m`.
    static let columns = """
        m.id, m.organization_id, m.domain_id, m.from_address, m.from_name, m.reply_to, m.subject, m.headers, m.tags, \
        m.metadata, m.status, m.idempotency_key, m.api_key_id, m.rfc822_message_id, m.size_bytes, m.attachment_count, \
        m.list_unsubscribe, m.send_at, m.created_at, m.updated_at
        """

    /// Stands for "no API key" in the array of keys (the binary arrays hold no NULL).
    static let noKey = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// `messages.recipients` of a table aliased `m` as rows `r` (members that a recipient does not
    /// have yet are NULL), `r.position` counting from 1 in request order.
    static let recipientRows = """
        ROWS FROM (jsonb_to_recordset(m.recipients) AS (normalized text, address text, name text, kind int2, status int2, \
        attempts int4, detail text, smtp_code int4, next_attempt_at timestamptz, suppression_id uuid, updated_at timestamptz)) \
        WITH ORDINALITY AS r(normalized, address, name, kind, status, attempts, detail, smtp_code, next_attempt_at, \
        suppression_id, updated_at, position)
        """

    /// The statements that store `messages` (of one organization) in one implicit transaction
    /// (one pipeline, one round trip): their idempotency records first, then one statement for,
    /// of each message not stopped by its key, its row (content, recipients and delivery job included:
    /// a job and the QUEUED event when a recipient is to be delivered) and its SUPPRESSED events (each table one multi-row INSERT, in
    /// data-modifying CTEs), then the attachments; the last statement reports what every key
    /// stands for now.
    static func inserts(_ messages: [NewMessage]) -> [PostgresQuery] {
        guard let organization = messages.first?.organizationID.uuid else { return [] }
        let keyed = messages.filter { $0.idempotency != nil }
        // One claim per key (a key twice in one batch: the first message claims it, the second
        // then finds it taken).
        var claimed = Set<String>()
        let claims = keyed.filter { claimed.insert($0.idempotency!.key).inserted }
        var statements: [PostgresQuery] = []
        if !claims.isEmpty {
            // A new key, or an expired one, is taken for this message; a live one is left as it is.
            statements.append(
                """
                INSERT INTO idempotency_keys AS i (organization_id, operation, key, request_hash, resource_id, response, completed_at)
                SELECT \(organization), 'send_email', k.key, k.hash, k.message, k.response, now()
                FROM unnest(\(claims.map { $0.idempotency!.key }), \(claims.map { $0.idempotency!.requestHash.hexEncoded }),
                    \(claims.map(\.id.uuid)), \(claims.map { $0.idempotency!.response.hexEncoded })) AS u(key, hash_hex, message, response_hex)
                CROSS JOIN LATERAL (SELECT u.key, decode(u.hash_hex, 'hex') AS hash, u.message, decode(u.response_hex, 'hex') AS response) AS k
                ON CONFLICT (organization_id, operation, key) DO UPDATE
                    SET request_hash = excluded.request_hash, resource_id = excluded.resource_id, response = excluded.response,
                        created_at = now(), completed_at = now(), expires_at = now() + interval '24 hours'
                    WHERE i.expires_at <= now()
                """)
        }
        // The messages stored: those without a key, and those whose key now names them.
        let guardSQL = keyed.isEmpty ? "true" : """
            (m.key = '' OR EXISTS (SELECT 1 FROM idempotency_keys AS i WHERE i.organization_id = '\(organization.uuidString.lowercased())' AND i.operation = 'send_email'
                AND i.key = m.key AND i.resource_id = m.id))
            """
        let epoch = Date(timeIntervalSince1970: 0)
        var eventMessage: [UUID] = [], eventTypes: [Int16] = [], eventRecipients: [String] = [], eventDetails: [String] = []
        var eventTimes: [Date] = []
        for message in messages {
            for recipient in message.recipients {
                if !recipient.isAccepted {
                    eventMessage.append(message.id.uuid)
                    eventTypes.append(EventType.suppressed.rawValue)
                    eventRecipients.append(recipient.normalizedAddress)
                    eventDetails.append(recipient.suppressionReason ?? "")
                    eventTimes.append(message.createdAt)
                }
            }
        }
        // One statement: the messages' rows, then (from what that INSERT returns, so only for stored
        // messages, and without reading `messages` again) every other table's rows.
        statements.append(
            """
            WITH m AS (
                INSERT INTO messages (id, organization_id, domain_id, from_address, from_name, reply_to, subject, headers, tags,
                    metadata, status, idempotency_key, api_key_id, rfc822_message_id, attachment_count, list_unsubscribe,
                    send_at, created_at, updated_at, html_body, text_body, recipients, job_state, run_after, txid, queued_event_id)
                SELECT m.id, \(organization), m.domain, m.from_address, m.from_name, m.reply_to, m.subject, m.headers,
                    coalesce(string_to_array(NULLIF(m.tags, ''), ','), '{}'), m.metadata, m.status, NULLIF(m.key, ''),
                    NULLIF(m.api_key, '00000000-0000-0000-0000-000000000000'), m.rfc822, m.attachments, NULLIF(m.unsubscribe, 'null'::jsonb),
                    NULLIF(m.send_at, 'epoch'), m.created, m.created, m.html, m.text, m.recipients,
                    CASE WHEN m.status = 1 THEN 'pending' END, CASE WHEN m.status = 1 THEN coalesce(NULLIF(m.send_at, 'epoch'), now()) END,
                    CASE WHEN m.status = 1 THEN pg_current_xact_id() END, CASE WHEN m.status = 1 THEN nextval('message_events_id_seq') END
                FROM unnest(\(messages.map(\.id.uuid)), \(messages.map(\.domainID.uuid)),
                    \(messages.map(\.from.address)), \(messages.map(\.from.name)), \(messages.map { MailJSON.addresses($0.replyTo) }),
                    \(messages.map(\.subject)), \(messages.map { MailJSON.headers($0.headers) }), \(messages.map { $0.tags.joined(separator: ",") }),
                    \(messages.map { MailJSON.metadata($0.metadata) }), \(messages.map(\.initialStatus.rawValue)),
                    \(messages.map { $0.idempotency?.key ?? "" }), \(messages.map { $0.apiKeyID?.uuid ?? Self.noKey }),
                    \(messages.map(\.rfc822MessageID)), \(messages.map { Int32($0.attachments.count) }),
                    \(messages.map { MailJSON.listUnsubscribe($0.listUnsubscribe) ?? PostgresJSON("null") }),
                    \(messages.map { $0.sendAt ?? epoch }), \(messages.map(\.createdAt)), \(messages.map(\.htmlBody)),
                    \(messages.map(\.textBody)), \(messages.map { MailJSON.recipients($0.recipients) }))
                    AS m(id, domain, from_address, from_name, reply_to, subject, headers, tags, metadata, status, key,
                         api_key, rfc822, attachments, unsubscribe, send_at, created, html, text, recipients)
                WHERE \(unescapedSQL: guardSQL)
                RETURNING id, organization_id, created_at, send_at
            )
            INSERT INTO message_event_log (organization_id, message_id, event_type, recipient, occurred_at, detail)
            SELECT m.organization_id, e.message, e.type, NULLIF(e.recipient, ''), e.occurred, e.detail
            FROM unnest(\(eventMessage), \(eventTypes), \(eventRecipients), \(eventDetails), \(eventTimes)) WITH ORDINALITY
                AS e(message, type, recipient, detail, occurred, position)
            JOIN m ON m.id = e.message
            ORDER BY e.position
            """)
        // Attachments (rare, and large) one statement each, after their message's row.
        for message in messages {
            for (position, attachment) in message.attachments.enumerated() {
                statements.append(
                    """
                    INSERT INTO message_attachments (message_id, organization_id, position, filename, content_type, content_id,
                        size_bytes, content, created_at)
                    SELECT m.id, m.organization_id, \(Int16(position)), \(attachment.filename), \(attachment.contentType),
                        \(attachment.contentID), \(Int64(attachment.content.count)), \(attachment.content), m.created_at
                    FROM messages AS m WHERE m.id = \(message.id.uuid)
                    """)
            }
        }
        if !keyed.isEmpty {
            statements.append(
                """
                SELECT i.key, i.resource_id, i.request_hash, i.response FROM idempotency_keys AS i
                WHERE i.organization_id = \(organization) AND i.operation = 'send_email' AND i.key = ANY(\(Array(claimed)))
                """)
        }
        return statements
    }
}

extension [UInt8] {
    /// Lower-case hex (bytea travels inside arrays as hex text: the arrays hold no bytea).
    var hexEncoded: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(count * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
