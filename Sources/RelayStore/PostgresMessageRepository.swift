public import Foundation
public import RelayDomain
public import RelayPostgres

/// The email log in PostgreSQL (`messages`, `message_recipients`, `message_contents`,
/// `message_attachments`, `delivery_jobs`, `message_events`, `idempotency_keys`).
///
/// Accepting is one transaction per call, whatever the number of messages: each message's rows,
/// its delivery job and first events, and one `pg_notify` per organization, so that an accepted
/// message is durable before the RPC answers and the event stream hears of it on commit.
public struct PostgresMessageRepository: MessageRepository {
    /// One pool per event loop; each call uses the pool of the loop it runs on.
    public let pools: PostgresPoolGroup

    /// A repository over `pools`.
    public init(pools: PostgresPoolGroup) { self.pools = pools }

    private var pool: PostgresPool { pools.current }

    public func accept(_ messages: [NewMessage]) async throws(DomainError) -> [AcceptOutcome] {
        try await storeOperation("accepting messages") {
            try await pool.withTransaction { connection in
                var outcomes = [AcceptOutcome](repeating: .accepted, count: messages.count)
                for (index, message) in messages.enumerated() {
                    guard let record = message.idempotency else { continue }
                    outcomes[index] = try await Self.claim(record, for: message, on: connection)
                }
                var statements: [PostgresQuery] = []
                var organizations = Set<OrganizationID>()
                for (message, outcome) in zip(messages, outcomes) where outcome == .accepted {
                    statements += MessageRows.inserts(message)
                    organizations.insert(message.organizationID)
                }
                for organization in organizations {
                    statements.append("SELECT pg_notify(\(EventRows.channel), \(organization.uuid.uuidString.lowercased()))")
                }
                if !statements.isEmpty { _ = try await connection.pipeline(statements) }
                return outcomes
            }
        }
    }

    /// Takes the idempotency key for `message` (a new or an expired one), or says what the key
    /// stands for already.
    private static func claim(_ record: IdempotencyRecord, for message: NewMessage, on connection: PostgresConnection) async throws
        -> AcceptOutcome
    {
        let taken = try await connection.query(
            """
            INSERT INTO idempotency_keys AS i (organization_id, operation, key, request_hash, resource_id, response, completed_at)
            VALUES (\(message.organizationID.uuid), 'send_email', \(record.key), \(record.requestHash), \(message.id.uuid),
                    \(record.response), now())
            ON CONFLICT (organization_id, operation, key) DO UPDATE
                SET request_hash = excluded.request_hash, resource_id = excluded.resource_id, response = excluded.response,
                    created_at = now(), completed_at = now(), expires_at = now() + interval '24 hours'
                WHERE i.expires_at <= now()
            RETURNING 1
            """)
        if !taken.isEmpty { return .accepted }
        let rows = try await connection.query(
            """
            SELECT request_hash, response FROM idempotency_keys
            WHERE organization_id = \(message.organizationID.uuid) AND operation = 'send_email' AND key = \(record.key)
            """)
        guard let row = rows.first else { throw DomainError.unavailable("an idempotency key changed meanwhile; retry") }
        let hash = try row.decode([UInt8].self, at: 0)
        guard hash == record.requestHash else { return .keyReused }
        return .replayed(response: try row.decode([UInt8]?.self, at: 1) ?? [])
    }

    public func suppressions(of addresses: [String], in organization: OrganizationID) async throws(DomainError)
        -> [String: (id: UUID, reason: String)]
    {
        try await storeOperation("checking the suppression list") {
            let rows = try await pool.query(
                """
                SELECT address, id, reason FROM suppressions
                WHERE organization_id = \(organization.uuid) AND address = ANY(\(addresses))
                  AND (expires_at IS NULL OR expires_at > now())
                """)
            var found: [String: (id: UUID, reason: String)] = [:]
            for row in rows {
                let reason = Self.reasons[Int(try row.decode(Int16.self, at: 2))] ?? "suppressed"
                found[try row.decode(String.self, at: 0)] = (try row.decode(UUID.self, at: 1), reason)
            }
            return found
        }
    }

    private static let reasons = [
        1: "suppressed: hard bounce", 2: "suppressed: complaint", 3: "suppressed: manual", 4: "suppressed: unsubscribed",
        5: "suppressed: invalid address", 6: "suppressed: repeated soft bounces",
    ]

    public func get(_ id: MessageID, in organization: OrganizationID) async throws(DomainError) -> StoredMessage {
        try await storeOperation("reading a message") {
            let results = try await pool.pipeline([
                """
                SELECT \(unescapedSQL: MessageRows.columns), d.name AS domain_name FROM messages AS m JOIN domains AS d ON d.id = m.domain_id
                WHERE m.id = \(id.uuid) AND m.organization_id = \(organization.uuid)
                """,
                """
                SELECT address, display_name, kind, status, attempts, detail, coalesce(smtp_code, 0)::int4, updated_at, next_attempt_at
                FROM message_recipients WHERE message_id = \(id.uuid) AND organization_id = \(organization.uuid)
                ORDER BY position
                """,
                """
                SELECT \(unescapedSQL: EventRows.columns) FROM message_events AS e
                JOIN messages AS m ON m.id = e.message_id JOIN domains AS d ON d.id = m.domain_id
                WHERE e.message_id = \(id.uuid) AND e.organization_id = \(organization.uuid)
                ORDER BY e.occurred_at, e.id LIMIT 1000
                """,
            ])
            guard let row = results[0].first else { throw DomainError.notFound(resource: "message", id: id.description) }
            let recipients = try results[1].map { row in
                StoredMessage.Recipient(
                    address: MailAddress(address: try row.decode(String.self, at: 0), name: try row.decode(String.self, at: 1)),
                    kind: RecipientKind(rawValue: try row.decode(Int16.self, at: 2)) ?? .to,
                    status: MessageStatus(rawValue: try row.decode(Int16.self, at: 3)) ?? .queued,
                    attempts: try row.decode(Int.self, at: 4), detail: try row.decode(String.self, at: 5),
                    smtpCode: try row.decode(Int.self, at: 6), updatedAt: try row.decode(Date.self, at: 7),
                    nextAttemptAt: try row.decode(Date?.self, at: 8))
            }
            return StoredMessage(
                id: id, from: MailAddress(address: try row.decode(String.self, column: "from_address"), name: try row.decode(String.self, column: "from_name")),
                replyTo: MailJSON.addresses(try row.decode(PostgresJSON.self, column: "reply_to")),
                subject: try row.decode(String.self, column: "subject"),
                status: MessageStatus(rawValue: try row.decode(Int16.self, column: "status")) ?? .queued,
                tags: try row.decode([String].self, column: "tags"),
                metadata: MailJSON.metadata(try row.decode(PostgresJSON.self, column: "metadata")),
                domainID: DomainID(try row.decode(UUID.self, column: "domain_id")),
                domainName: try row.decode(String.self, column: "domain_name"),
                sizeBytes: try row.decode(Int.self, column: "size_bytes"),
                attachmentCount: try row.decode(Int.self, column: "attachment_count"),
                createdAt: try row.decode(Date.self, column: "created_at"), updatedAt: try row.decode(Date.self, column: "updated_at"),
                sendAt: try row.decode(Date?.self, column: "send_at"), recipients: recipients,
                idempotencyKey: try row.decode(String?.self, column: "idempotency_key") ?? "",
                apiKeyID: try row.decode(UUID?.self, column: "api_key_id").map(APIKeyID.init),
                rfc822MessageID: try row.decode(String.self, column: "rfc822_message_id"),
                events: try results[2].map(EventRows.decode))
        }
    }
}
