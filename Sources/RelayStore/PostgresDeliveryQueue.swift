internal import Foundation
public import RelayDomain
public import RelayPostgres

/// The outbound queue in PostgreSQL (the messages with a job, seen through the `delivery_jobs`
/// view): due jobs are claimed with
/// `FOR UPDATE SKIP LOCKED` under a lease (owner, expiry, and the attempt count as fencing token);
/// a job whose worker died becomes due again when its lease expires (`run_after` = the lease's end).
public struct PostgresDeliveryQueue: DeliveryQueue {
    /// One pool per event loop.
    public let pools: PostgresPoolGroup
    private let notifier: PostgresEventNotifier

    /// A queue over `pools`, announcing new events through `notifier` (by default one of its own).
    public init(pools: PostgresPoolGroup, notifier: PostgresEventNotifier? = nil) {
        self.pools = pools
        self.notifier = notifier ?? PostgresEventNotifier(pools: pools)
    }

    private var pool: PostgresPool { pools.current }

    public func claim(owner: String, limit: Int, lease: Duration) async throws(DomainError) -> [DeliveryJob] {
        try await storeOperation("claiming delivery jobs") {
            let seconds = Double(lease.components.seconds) + Double(lease.components.attoseconds) / 1e18
            let claimed = try await pool.query(
                """
                WITH due AS (
                    SELECT id FROM delivery_jobs
                    WHERE state IN ('pending', 'running') AND run_after <= now()
                    ORDER BY run_after LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                UPDATE delivery_jobs AS j
                SET state = 'running', attempts = j.attempts + 1, lease_owner = \(owner),
                    lease_expires_at = now() + make_interval(secs => \(seconds)),
                    run_after = now() + make_interval(secs => \(seconds)), updated_at = now()
                FROM due WHERE j.id = due.id
                RETURNING j.id, j.message_id, j.attempts
                """)
            guard !claimed.isEmpty else { return [] }
            var jobs: [(id: UUID, message: UUID, claim: Int)] = []
            for row in claimed {
                jobs.append((try row.decode(UUID.self, at: 0), try row.decode(UUID.self, at: 1), try row.decode(Int.self, at: 2)))
            }
            let ids = jobs.map(\.message)
            let results = try await pool.pipeline([
                """
                SELECT \(unescapedSQL: MessageRows.columns), d.name AS domain_name, d.return_path_domain,
                    m.html_body, m.text_body
                FROM messages AS m JOIN domains AS d ON d.id = m.domain_id
                WHERE m.id = ANY(\(ids))
                """,
                """
                SELECT m.id, r.normalized, r.address, r.name, r.kind, r.status, coalesce(r.attempts, 0)
                FROM messages AS m CROSS JOIN LATERAL \(unescapedSQL: MessageRows.recipientRows)
                WHERE m.id = ANY(\(ids)) ORDER BY m.id, r.position
                """,
                """
                SELECT message_id, filename, content_type, content_id, content
                FROM message_attachments WHERE message_id = ANY(\(ids)) ORDER BY message_id, position
                """,
                """
                SELECT m.id AS message_id, \(unescapedSQL: DomainRows.keyColumns)
                FROM messages AS m JOIN dkim_keys AS k ON k.domain_id = m.domain_id AND k.status = 'active'
                WHERE m.id = ANY(\(ids))
                """,
            ])
            var recipients: [UUID: [(recipient: NewRecipient, status: MessageStatus, attempts: Int)]] = [:]
            for row in results[1] {
                var recipient = NewRecipient(
                    address: MailAddress(address: try row.decode(String.self, at: 2), name: try row.decode(String.self, at: 3)),
                    normalizedAddress: try row.decode(String.self, at: 1),
                    kind: RecipientKind(rawValue: try row.decode(Int16.self, at: 4)) ?? .to)
                let status = MessageStatus(rawValue: try row.decode(Int16.self, at: 5)) ?? .queued
                if status == .suppressed { recipient.suppressionReason = "suppressed" }
                recipients[try row.decode(UUID.self, at: 0), default: []].append((recipient, status, try row.decode(Int.self, at: 6)))
            }
            var attachments: [UUID: [MailAttachment]] = [:]
            for row in results[2] {
                attachments[try row.decode(UUID.self, at: 0), default: []].append(
                    MailAttachment(
                        filename: try row.decode(String.self, at: 1), contentType: try row.decode(String.self, at: 2),
                        content: try row.decode([UInt8].self, at: 4), contentID: try row.decode(String.self, at: 3)))
            }
            var keys: [UUID: DKIMKey] = [:]
            for row in results[3] { keys[try row.decode(UUID.self, column: "message_id")] = try DomainRows.decodeKey(row) }
            var messages: [UUID: (NewMessage, String)] = [:]
            for row in results[0] {
                let id = try row.decode(UUID.self, column: "id")
                let message = NewMessage(
                    id: MessageID(id), organizationID: OrganizationID(try row.decode(UUID.self, column: "organization_id")),
                    domainID: DomainID(try row.decode(UUID.self, column: "domain_id")),
                    domainName: try row.decode(String.self, column: "domain_name"),
                    from: MailAddress(address: try row.decode(String.self, column: "from_address"), name: try row.decode(String.self, column: "from_name")),
                    replyTo: MailJSON.addresses(try row.decode(PostgresJSON.self, column: "reply_to")),
                    subject: try row.decode(String.self, column: "subject"),
                    htmlBody: try row.decode(String.self, column: "html_body"),
                    textBody: try row.decode(String.self, column: "text_body"),
                    headers: MailJSON.headers(try row.decode(PostgresJSON.self, column: "headers")),
                    tags: try row.decode([String].self, column: "tags"),
                    metadata: MailJSON.metadata(try row.decode(PostgresJSON.self, column: "metadata")),
                    attachments: attachments[id] ?? [], recipients: (recipients[id] ?? []).map(\.recipient),
                    listUnsubscribe: MailJSON.listUnsubscribe(try row.decode(PostgresJSON?.self, column: "list_unsubscribe")),
                    sendAt: try row.decode(Date?.self, column: "send_at"),
                    apiKeyID: try row.decode(UUID?.self, column: "api_key_id").map(APIKeyID.init),
                    rfc822MessageID: try row.decode(String.self, column: "rfc822_message_id"),
                    createdAt: try row.decode(Date.self, column: "created_at"))
                messages[id] = (message, try row.decode(String.self, column: "return_path_domain"))
            }
            return jobs.compactMap { job in
                guard let (message, returnPath) = messages[job.message] else { return nil }
                let pending = (recipients[job.message] ?? []).filter { $0.status == .queued || $0.status == .deferred }
                return DeliveryJob(
                    id: job.id, claim: job.claim, message: message, returnPathDomain: returnPath, signingKey: keys[job.message],
                    pending: pending.map { ($0.recipient.normalizedAddress, $0.attempts) })
            }
        }
    }

    public func finish(_ finished: [FinishedAttempt]) async throws(DomainError) -> [Bool] {
        guard !finished.isEmpty else { return [] }
        return try await storeOperation("recording delivery attempts") {
            // One pipeline for all: one implicit transaction, one round trip, one commit.
            var statements: [PostgresQuery] = []
            var fences: [Int] = []
            for attempt in finished {
                fences.append(statements.count)
                statements += Self.statements(attempt.job, attempt.attempts, attempt.size)
            }
            let results = try await pool.pipeline(statements)
            let held = fences.map { !results[$0].isEmpty }
            for organization in Set(zip(finished, held).filter(\.1).map(\.0.job.message.organizationID)) { notifier.touch(organization) }
            return held
        }
    }

    /// The statements recording one attempt, each fenced by the claim: the first locks the job
    /// row if the claim still holds it (its result says whether it did), the others apply only then.
    private static func statements(_ job: DeliveryJob, _ attempts: [RecipientAttempt], _ size: Int) -> [PostgresQuery] {
            let message = job.message.id.uuid
            let organization = job.message.organizationID.uuid
            // Events: SENT and DELIVERED for an accepted recipient, else the outcome.
            var types: [Int16] = []
            var recipients: [String] = []
            var details: [String] = []
            var codes: [Int32] = []
            var numbers: [Int32] = []
            func event(_ type: EventType, _ attempt: RecipientAttempt, detail: String, code: Int) {
                types.append(type.rawValue)
                recipients.append(attempt.normalizedAddress)
                details.append(detail)
                codes.append(Int32(code))
                numbers.append(Int32(attempt.attempt))
            }
            for attempt in attempts {
                switch attempt.status {
                case .delivered:
                    event(.sent, attempt, detail: "", code: 0)
                    event(.delivered, attempt, detail: attempt.detail, code: attempt.smtpCode)
                case .deferred: event(.deferred, attempt, detail: attempt.detail, code: attempt.smtpCode)
                case .bounced: event(.bounced, attempt, detail: attempt.detail, code: attempt.smtpCode)
                default: event(.failed, attempt, detail: attempt.detail, code: attempt.smtpCode)
                }
            }
            let retry = attempts.compactMap(\.nextAttemptAt).min()
            let fence = "EXISTS (SELECT 1 FROM delivery_jobs AS f WHERE f.id = '\(job.id.uuidString.lowercased())' AND f.attempts = \(job.claim) AND f.state = 'running')"
            return [
                "SELECT 1 FROM delivery_jobs WHERE id = \(job.id) AND attempts = \(job.claim) AND state = 'running' FOR UPDATE",
                """
                INSERT INTO message_event_log (organization_id, message_id, event_type, recipient, occurred_at, detail, smtp_code, attempt)
                SELECT \(organization), \(message), e.type, e.recipient, now(), e.detail, NULLIF(e.code, 0)::int2, e.attempt
                FROM unnest(\(types), \(recipients), \(details), \(codes), \(numbers)) WITH ORDINALITY
                    AS e(type, recipient, detail, code, attempt, position)
                WHERE \(unescapedSQL: fence)
                ORDER BY e.position
                """,
                // The attempted recipients' elements rewritten, the message's status from all of them,
                // and the job finished or due again at the first retry, in one UPDATE of the
                // message's row (the worker holding the claim is its only writer while it is queued).
                """
                UPDATE messages AS m SET size_bytes = \(Int64(size)), updated_at = now(), recipients = n.recipients, status = n.status,
                    job_state = CASE WHEN \(retry)::timestamptz IS NULL THEN NULL ELSE 'pending' END,
                    run_after = coalesce(\(retry)::timestamptz, m.run_after), lease_owner = NULL, lease_expires_at = NULL
                FROM (
                    SELECT jsonb_agg(CASE WHEN a.address IS NULL THEN r.value ELSE r.value || jsonb_build_object(
                                'status', a.status, 'attempts', a.attempt, 'detail', a.detail, 'smtp_code', a.code,
                                'next_attempt_at', CASE WHEN a.status = 4 THEN a.next END, 'updated_at', now()) END
                            ORDER BY r.position) AS recipients,
                        CASE
                            WHEN bool_or(s.status = 1) THEN 1 WHEN bool_or(s.status = 4) THEN 4 WHEN bool_or(s.status = 2) THEN 2
                            WHEN bool_or(s.status = 3) THEN 3 WHEN bool_or(s.status = 5) THEN 5 WHEN bool_or(s.status = 6) THEN 6
                            ELSE 7 END AS status
                    FROM messages AS o
                    CROSS JOIN LATERAL jsonb_array_elements(o.recipients) WITH ORDINALITY AS r(value, position)
                    LEFT JOIN unnest(\(attempts.map(\.normalizedAddress)), \(attempts.map(\.status.rawValue)),
                        \(attempts.map { Int32($0.attempt) }), \(attempts.map(\.detail)), \(attempts.map { Int32($0.smtpCode) }),
                        \(attempts.map { $0.nextAttemptAt ?? Date(timeIntervalSince1970: 0) }))
                        AS a(address, status, attempt, detail, code, next) ON a.address = r.value->>'normalized'
                    CROSS JOIN LATERAL (SELECT coalesce(a.status, (r.value->>'status')::int2) AS status) AS s
                    WHERE o.id = \(message)) AS n
                WHERE m.id = \(message) AND m.job_attempts = \(job.claim) AND m.job_state = 'running'
                """,
            ]
    }
}
