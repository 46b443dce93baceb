public import Foundation
public import RelayDomain
public import RelayPostgres

/// The email log in PostgreSQL (`messages` with their content and recipients,
/// `message_attachments`, `message_event_log`, `idempotency_keys`).
///
/// Accepting is one transaction per call (one pipeline, one round trip), whatever the number of
/// messages: each message's rows, its delivery job and first events, so that an accepted message
/// is durable before the RPC answers; the event stream hears of it through ``PostgresEventNotifier``.
public struct PostgresMessageRepository: MessageRepository {
    /// One pool per event loop; each call uses the pool of the loop it runs on.
    public let pools: PostgresPoolGroup
    private let notifier: PostgresEventNotifier

    /// A repository over `pools`, announcing new events through `notifier` (by default one of its own).
    public init(pools: PostgresPoolGroup, notifier: PostgresEventNotifier? = nil) {
        self.pools = pools
        self.notifier = notifier ?? PostgresEventNotifier(pools: pools)
    }

    private var pool: PostgresPool { pools.current }

    public func accept(_ messages: [NewMessage]) async throws(DomainError) -> [AcceptOutcome] {
        try await accept(messages, guardedBy: nil) ?? []
    }

    public func accept(_ messages: [NewMessage], ifNoneSuppressed addresses: [String]) async throws(DomainError) -> [AcceptOutcome]? {
        try await accept(messages, guardedBy: addresses)
    }

    private func accept(_ messages: [NewMessage], guardedBy addresses: [String]?) async throws(DomainError) -> [AcceptOutcome]? {
        guard !messages.isEmpty else { return [] }
        guard Set(messages.map(\.organizationID)).count == 1 else {
            throw .internalError("messages of several organizations are accepted in one call")
        }
        var statements = MessageRows.inserts(messages)
        if let addresses {
            // First in the transaction: it fails (and with it everything after) on a suppressed address.
            statements.insert("SELECT assert_unsuppressed(\(messages[0].organizationID.uuid), \(addresses))", at: 0)
        }
        return try await storeOperation("accepting messages") {
            // One pipeline is one implicit transaction: all stored, or none.
            let results: [PostgresRows]
            do {
                results = Array(try await pool.pipeline(statements).dropFirst(addresses == nil ? 0 : 1))
            } catch let error as PostgresError where error.sqlState == Self.suppressedState {
                return nil
            }
            notifier.touch(messages[0].organizationID)
            guard messages.contains(where: { $0.idempotency != nil }), let keys = results.last else {
                return Array(repeating: .accepted, count: messages.count)
            }
            var standing: [String: (message: UUID, hash: [UInt8], response: [UInt8])] = [:]
            for row in keys {
                standing[try row.decode(String.self, at: 0)] = (
                    try row.decode(UUID.self, at: 1), try row.decode([UInt8].self, at: 2), try row.decode([UInt8]?.self, at: 3) ?? []
                )
            }
            return messages.map { message in
                guard let record = message.idempotency, let now = standing[record.key] else { return .accepted }
                if now.message == message.id.uuid { return .accepted }
                return now.hash == record.requestHash ? .replayed(response: now.response) : .keyReused
            }
        }
    }

    /// The SQLSTATE `assert_unsuppressed` raises (migration 0003).
    static let suppressedState = "RL001"

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
                SELECT r.address, r.name, r.kind, r.status, coalesce(r.attempts, 0), coalesce(r.detail, ''), coalesce(r.smtp_code, 0),
                    coalesce(r.updated_at, m.created_at), r.next_attempt_at
                FROM messages AS m CROSS JOIN LATERAL \(unescapedSQL: MessageRows.recipientRows)
                WHERE m.id = \(id.uuid) AND m.organization_id = \(organization.uuid)
                ORDER BY r.position
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
