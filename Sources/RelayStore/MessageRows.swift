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

    /// The statements that store `message`: its row, recipients, content, attachments, delivery
    /// job (when a recipient is to be delivered) and first events. Sent as one pipeline.
    static func inserts(_ message: NewMessage) -> [PostgresQuery] {
        let id = message.id.uuid
        let organization = message.organizationID.uuid
        let status = message.initialStatus
        var statements: [PostgresQuery] = [
            """
            INSERT INTO messages (id, organization_id, domain_id, from_address, from_name, reply_to, subject, headers, tags,
                metadata, status, idempotency_key, api_key_id, rfc822_message_id, attachment_count, list_unsubscribe,
                send_at, created_at, updated_at)
            VALUES (\(id), \(organization), \(message.domainID.uuid), \(message.from.address), \(message.from.name),
                \(MailJSON.addresses(message.replyTo)), \(message.subject), \(MailJSON.headers(message.headers)), \(message.tags),
                \(MailJSON.metadata(message.metadata)), \(status.rawValue), \(message.idempotency?.key),
                \(message.apiKeyID?.uuid), \(message.rfc822MessageID), \(Int32(message.attachments.count)),
                \(MailJSON.listUnsubscribe(message.listUnsubscribe)), \(message.sendAt), \(message.createdAt), \(message.createdAt))
            """,
            """
            INSERT INTO message_recipients (message_id, organization_id, normalized_address, address, display_name, kind,
                position, status, detail, suppression_id, message_created_at, updated_at)
            SELECT \(id), \(organization), r.normalized, r.address, r.name, r.kind, (r.position - 1)::int2, r.status, r.detail,
                NULLIF(r.suppression, '')::uuid, \(message.createdAt), \(message.createdAt)
            FROM unnest(\(message.recipients.map(\.normalizedAddress)), \(message.recipients.map(\.address.address)),
                \(message.recipients.map(\.address.name)), \(message.recipients.map(\.kind.rawValue)),
                \(message.recipients.map { ($0.isAccepted ? MessageStatus.queued : .suppressed).rawValue }),
                \(message.recipients.map { $0.suppressionReason ?? "" }), \(message.recipients.map { $0.suppressionID?.uuidString ?? "" }))
                WITH ORDINALITY AS r(normalized, address, name, kind, status, detail, suppression, position)
            """,
            """
            INSERT INTO message_contents (message_id, organization_id, html_body, text_body, created_at)
            VALUES (\(id), \(organization), \(message.htmlBody), \(message.textBody), \(message.createdAt))
            """,
        ]
        for (position, attachment) in message.attachments.enumerated() {
            statements.append(
                """
                INSERT INTO message_attachments (message_id, organization_id, position, filename, content_type, content_id,
                    size_bytes, content, created_at)
                VALUES (\(id), \(organization), \(Int16(position)), \(attachment.filename), \(attachment.contentType),
                    \(attachment.contentID), \(Int64(attachment.content.count)), \(attachment.content), \(message.createdAt))
                """)
        }
        if status == .queued {
            statements.append(
                """
                INSERT INTO delivery_jobs (id, organization_id, message_id, run_after)
                VALUES (\(UUID.timeOrdered()), \(organization), \(id), coalesce(\(message.sendAt), now()))
                """)
        }
        // The message's QUEUED event (when anything is to be delivered), and one SUPPRESSED event
        // per skipped recipient.
        var types: [Int16] = status == .queued ? [EventType.queued.rawValue] : []
        var recipients: [String] = status == .queued ? [""] : []
        var details: [String] = status == .queued ? [""] : []
        for recipient in message.recipients where !recipient.isAccepted {
            types.append(EventType.suppressed.rawValue)
            recipients.append(recipient.normalizedAddress)
            details.append(recipient.suppressionReason ?? "")
        }
        statements.append(
            """
            INSERT INTO message_events (organization_id, message_id, event_type, recipient, occurred_at, detail)
            SELECT \(organization), \(id), e.type, NULLIF(e.recipient, ''), \(message.createdAt), e.detail
            FROM unnest(\(types), \(recipients), \(details)) WITH ORDINALITY AS e(type, recipient, detail, position)
            ORDER BY e.position
            """)
        return statements
    }
}
