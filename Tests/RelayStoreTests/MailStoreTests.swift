import Foundation
import RelayDomain
import RelayPostgres
import RelayStore
import Testing

/// The mail slice's repositories (domains, messages, delivery queue, event log) against a real
/// database.
@Suite struct MailStoreTests {
    static func domain(_ organization: OrganizationID, name: String = "mail.example.com") -> SendingDomain {
        let keyID = UUID.timeOrdered()
        let key = DKIMKey(
            id: keyID, selector: "rly1", algorithm: .ed25519, status: .active, publicKey: "cHVibGlj",
            privateKey: SealedPrivateKey(ciphertext: [1, 2, 3], nonce: Array(repeating: 7, count: 12), keyID: "local", keyVersion: 1),
            createdAt: Date(), activatedAt: Date())
        return SendingDomain(
            id: DomainID(UUID.timeOrdered()), organizationID: organization, name: name, status: .verified, statusDetail: "",
            returnPathDomain: "rp." + name, keys: [key],
            records: [
                DomainDNSRecord(
                    purpose: .dkim, type: .txt, name: "rly1._domainkey." + name, host: "rly1._domainkey", value: "v=DKIM1; k=ed25519; p=cHVibGlj",
                    required: true, dkimKeyID: keyID, dkimSelector: "rly1"),
                DomainDNSRecord(purpose: .dmarc, type: .txt, name: "_dmarc." + name, host: "_dmarc", value: "v=DMARC1; p=none", required: false),
            ],
            createdAt: Date(), verifiedAt: Date())
    }

    static func message(_ domain: SendingDomain, to addresses: [String], suppressed: Set<String> = [], key: String? = nil) -> NewMessage {
        let id = MessageID(UUID.timeOrdered())
        return NewMessage(
            id: id, organizationID: domain.organizationID, domainID: domain.id, domainName: domain.name,
            from: MailAddress(address: "billing@" + domain.name, name: "Billing"), subject: "Invoice 1042", htmlBody: "<p>Hi</p>",
            textBody: "Hi", headers: [MailHeader(name: "X-Ticket", value: "42")], tags: ["invoice"], metadata: ["order": "1042"],
            attachments: [MailAttachment(filename: "a.txt", contentType: "text/plain", content: Array("hello".utf8))],
            recipients: addresses.map { address in
                var recipient = NewRecipient(address: MailAddress(address: address), normalizedAddress: address.lowercased(), kind: .to)
                if suppressed.contains(address) { recipient.suppressionReason = "suppressed: hard bounce" }
                return recipient
            },
            apiKeyID: nil, rfc822MessageID: "<\(id)@relay.test>", createdAt: Date(),
            idempotency: key.map { IdempotencyRecord(key: $0, requestHash: Array(repeating: 1, count: 32), response: [9, 9]) })
    }

    static func organization(_ pool: PostgresPool) async throws -> OrganizationID {
        try await PostgresOrganizationRepository(pool: pool).create(name: "acme")
    }

    /// An organization with a verified domain, and the message store over `pool`.
    static func mailStore(_ pool: PostgresPool) async throws
        -> (organization: OrganizationID, group: PostgresPoolGroup, domain: SendingDomain, messages: PostgresMessageRepository)
    {
        let organization = try await organization(pool)
        let group = PostgresPoolGroup(pool)
        let domain = try await PostgresDomainRepository(pools: group).create(Self.domain(organization))
        return (organization, group, domain, PostgresMessageRepository(pools: group))
    }

    @Test func domainsAreCreatedReadListedCheckedAndSoftDeleted() async throws {
        try await StoreDatabase.withPool { pool in
            let organization = try await Self.organization(pool)
            let domains = PostgresDomainRepository(pools: PostgresPoolGroup(pool))
            let created = try await domains.create(Self.domain(organization))
            #expect(created.keys.count == 1 && created.keys[0].privateKey.ciphertext == [1, 2, 3])
            #expect(created.verifiedAt != nil && created.status == .verified)
            #expect(created.records.map(\.purpose) == [.dkim, .dmarc] && created.records[0].dkimSelector == "rly1")
            #expect(try await domains.find(named: "mail.example.com", in: organization)?.id == created.id)
            // Another organization sees nothing.
            let other = try await Self.organization(pool)
            #expect(try await domains.find(named: "mail.example.com", in: other) == nil)
            await #expect(throws: DomainError.self) { _ = try await domains.get(created.id, in: other) }
            // A second live domain of the same name is refused.
            await #expect(throws: DomainError.self) { _ = try await domains.create(Self.domain(organization)) }
            _ = try await domains.create(Self.domain(organization, name: "b.example.com"))
            let page = try await domains.list(in: organization, after: nil, status: nil, limit: 1)
            #expect(page.domains.map(\.name) == ["b.example.com"] && page.totalCount == 2)
            // A check's outcome is kept.
            var checked = created
            checked.status = .failed
            checked.statusDetail = "DKIM record missing"
            checked.records[0].state = .missing
            checked.records[0].checkedAt = Date()
            checked.records[0].explanation = "no TXT record"
            let after = try await domains.recordCheck(checked)
            #expect(after.status == .failed && after.records[0].state == .missing && after.records[0].explanation == "no TXT record")
            // Due automatic checks are claimed once (the claim moves the next check ahead).
            _ = try await pool.query("UPDATE domains SET next_check_at = now() - interval '1 second'")
            let due = try await domains.claimDueChecks(limit: 10, lease: 60)
            #expect(Set(due.map(\.0)).count == 2)
            #expect(try await domains.claimDueChecks(limit: 10, lease: 60).isEmpty)
            try await domains.delete(created.id, in: organization)
            #expect(try await domains.find(named: "mail.example.com", in: organization) == nil)
            await #expect(throws: DomainError.self) { try await domains.delete(created.id, in: organization) }
        }
    }

    @Test func acceptedMessagesAreDurableWithTheirEventsAndIdempotencyIsKept() async throws {
        try await StoreDatabase.withPool { pool in
            let (organization, _, domain, messages) = try await Self.mailStore(pool)
            let first = Self.message(domain, to: ["a@x.test", "B@x.test"], suppressed: ["B@x.test"], key: "k1")
            let allSuppressed = Self.message(domain, to: ["c@x.test"], suppressed: ["c@x.test"])
            #expect(try await messages.accept([first, allSuppressed]) == [.accepted, .accepted])
            let stored = try await messages.get(first.id, in: organization)
            #expect(stored.status == .queued && stored.subject == "Invoice 1042" && stored.metadata == ["order": "1042"])
            #expect(stored.recipients.map(\.status) == [.queued, .suppressed] && stored.attachmentCount == 1)
            #expect(stored.events.map(\.type) == [.queued, .suppressed] && stored.events[1].recipient == "b@x.test")
            #expect(stored.events[0].domain == "mail.example.com" && stored.events[0].tags == ["invoice"])
            #expect(try await messages.get(allSuppressed.id, in: organization).status == .suppressed)
            // The sending key is kept when there is one.
            #expect(stored.apiKeyID == nil)
            var keyed = Self.message(domain, to: ["k@x.test"])
            keyed.apiKeyID = APIKeyID(UUID())
            #expect(try await messages.accept([keyed]) == [.accepted])
            #expect(try await messages.get(keyed.id, in: organization).apiKeyID == keyed.apiKeyID)
            // The same key: replayed with the same request, refused with another.
            let retry = Self.message(domain, to: ["a@x.test"], key: "k1")
            #expect(try await messages.accept([retry]) == [.replayed(response: [9, 9])])
            var different = Self.message(domain, to: ["a@x.test"], key: "k1")
            different.idempotency?.requestHash = Array(repeating: 2, count: 32)
            #expect(try await messages.accept([different]) == [.keyReused])
            await #expect(throws: DomainError.self) { _ = try await messages.get(retry.id, in: organization) }
            // Only the queued messages have a job.
            let jobs = try await pool.query("SELECT message_id FROM delivery_jobs")
            #expect(jobs.count == 2)
        }
    }

    @Test func acceptingOnTheConditionThatNoRecipientIsSuppressedStoresNothingWhenOneIs() async throws {
        try await StoreDatabase.withPool { pool in
            let (organization, _, domain, messages) = try await Self.mailStore(pool)
            _ = try await pool.query(
                "INSERT INTO suppressions (organization_id, address, reason, origin) VALUES (\(organization.uuid), 'gone@x.test', 1, 1)")
            let keyed = Self.message(domain, to: ["a@x.test", "gone@x.test"], key: "k-suppressed")
            #expect(try await messages.accept([keyed], ifNoneSuppressed: ["a@x.test", "gone@x.test"]) == nil)
            // Nothing of it stayed: no message, no idempotency claim.
            await #expect(throws: DomainError.self) { _ = try await messages.get(keyed.id, in: organization) }
            #expect(try await pool.query("SELECT 1 FROM idempotency_keys WHERE key = 'k-suppressed'").isEmpty)
            // Another organization's suppression list does not apply; an expired entry neither.
            let other = try await Self.organization(pool)
            _ = try await pool.query(
                "INSERT INTO suppressions (organization_id, address, reason, origin) VALUES (\(other.uuid), 'a@x.test', 1, 1)")
            _ = try await pool.query(
                """
                INSERT INTO suppressions (organization_id, address, reason, origin, expires_at)
                VALUES (\(organization.uuid), 'old@x.test', 1, 1, now() - interval '1 second')
                """)
            let fine = Self.message(domain, to: ["a@x.test", "old@x.test"], key: "k-fine")
            #expect(try await messages.accept([fine], ifNoneSuppressed: ["a@x.test", "old@x.test"]) == [.accepted])
            #expect(try await messages.get(fine.id, in: organization).recipients.map(\.status) == [.queued, .queued])
        }
    }

    @Test func workersClaimEachJobOnceAndRecordOutcomesFencedByTheirClaim() async throws {
        try await StoreDatabase.withPool { pool in
            let (organization, group, domain, messages) = try await Self.mailStore(pool)
            let queue = PostgresDeliveryQueue(pools: group)
            let batch = (0..<6).map { _ in Self.message(domain, to: ["a@x.test", "b@x.test"]) }
            _ = try await messages.accept(batch)
            async let one = queue.claim(owner: "w1", limit: 4, lease: .seconds(60))
            async let two = queue.claim(owner: "w2", limit: 4, lease: .seconds(60))
            let (a, b) = try await (one, two)
            #expect(a.count + b.count == 6)
            #expect(Set((a + b).map(\.message.id)).count == 6)
            let job = try #require(a.first)
            #expect(job.signingKey?.selector == "rly1" && job.returnPathDomain == "rp.mail.example.com")
            #expect(job.message.attachments.first?.content == Array("hello".utf8) && job.message.textBody == "Hi")
            #expect(job.pending.map(\.normalizedAddress) == ["a@x.test", "b@x.test"])
            // One delivered, one deferred: the job comes back later for the deferred one only.
            let later = Date().addingTimeInterval(0.2)
            let recorded = try await queue.finish([FinishedAttempt(
                job: job,
                attempts: [
                    RecipientAttempt(normalizedAddress: "a@x.test", status: .delivered, attempt: 1, detail: "250 OK", smtpCode: 250, nextAttemptAt: nil),
                    RecipientAttempt(normalizedAddress: "b@x.test", status: .deferred, attempt: 1, detail: "451 busy", smtpCode: 451, nextAttemptAt: later),
                ], size: 1234)])
            #expect(recorded == [true])
            // A stale claim records nothing.
            #expect(try await queue.finish([FinishedAttempt(job: job, attempts: [], size: 0)]) == [false])
            let stored = try await messages.get(job.message.id, in: organization)
            #expect(stored.status == .deferred && stored.sizeBytes == 1234)
            #expect(stored.recipients.map(\.status) == [.delivered, .deferred] && stored.recipients[1].smtpCode == 451)
            #expect(stored.events.map(\.type) == [.queued, .sent, .delivered, .deferred])
            try await Task.sleep(for: .milliseconds(300))
            let again = try await queue.claim(owner: "w3", limit: 10, lease: .seconds(60))
            #expect(again.map(\.message.id) == [job.message.id] && again[0].pending.map(\.normalizedAddress) == ["b@x.test"])
            #expect(again[0].pending[0].attempts == 1 && again[0].claim == 2)
            #expect(
                try await queue.finish([FinishedAttempt(
                    job: again[0],
                    attempts: [RecipientAttempt(normalizedAddress: "b@x.test", status: .bounced, attempt: 2, detail: "550 no such user", smtpCode: 550, nextAttemptAt: nil)],
                    size: 1234)]) == [true])
            #expect(try await messages.get(job.message.id, in: organization).status == .delivered)
            // A job whose lease expired is claimed again (its worker died).
            let rest = a.dropFirst() + b
            _ = try await pool.query("UPDATE delivery_jobs SET run_after = now() - interval '1 second' WHERE message_id = \(rest.first!.message.id.uuid)")
            let retaken = try await queue.claim(owner: "w4", limit: 10, lease: .seconds(60))
            #expect(retaken.map(\.message.id) == [rest.first!.message.id])
            #expect(try await queue.finish([FinishedAttempt(job: rest.first!, attempts: [], size: 0)]) == [false])
        }
    }

    @Test func theEventLogIsReadInCommitSafeOrderFromAnyCursor() async throws {
        try await StoreDatabase.withPool { pool in
            let (organization, group, domain, messages) = try await Self.mailStore(pool)
            let log = PostgresEventLog(pools: group)
            let start = try await log.end(of: organization)
            for _ in 0..<5 { _ = try await messages.accept([Self.message(domain, to: ["a@x.test"])]) }
            // Pages of 2 until all 5 are read (an event shows once no older transaction of the
            // cluster is still running: other tests' transactions may hold it back a moment).
            var cursor = start
            var seen: [DeliveryEvent] = []
            let deadline = ContinuousClock.now + .seconds(10)
            while seen.count < 5, ContinuousClock.now < deadline {
                let page = try await log.events(in: organization, after: cursor, limit: 2)
                seen += page.events
                #expect(page.position >= cursor)
                if page.events.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
                cursor = page.position
            }
            try #require(seen.count == 5)
            #expect(seen.map(\.cursor) == seen.map(\.cursor).sorted())
            #expect(Set(seen.map(\.cursor)).count == 5)
            // Resuming from the third event's cursor gives the last two.
            let resumed = try await log.events(in: organization, after: seen[2].cursor, limit: 10)
            #expect(resumed.events.map(\.cursor) == Array(seen[3...]).map(\.cursor))
            // An event of a transaction still open is not visible, nor anything after it.
            let connection = try await PostgresPool.connect(pool.configuration)
            _ = try await connection.query("BEGIN")
            _ = try await connection.query("SELECT pg_current_xact_id()")
            _ = try await messages.accept([Self.message(domain, to: ["late@x.test"])])
            let blocked = try await log.events(in: organization, after: seen[4].cursor, limit: 10)
            #expect(blocked.events.isEmpty)
            _ = try await connection.query("COMMIT")
            await connection.close()
            var released = try await log.events(in: organization, after: seen[4].cursor, limit: 10)
            while released.events.isEmpty, ContinuousClock.now < deadline + .seconds(10) {
                try await Task.sleep(for: .milliseconds(20))
                released = try await log.events(in: organization, after: seen[4].cursor, limit: 10)
            }
            try #require(released.events.count == 1)
            #expect(EventCursor(text: released.events[0].cursor.description) == released.events[0].cursor)
            // Another organization's log is empty.
            let other = try await Self.organization(pool)
            #expect(try await log.events(in: other, after: .start, limit: 10).events.isEmpty)
        }
    }
}
