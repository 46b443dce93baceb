import Foundation
import RelayDomain
import RelayPostgres
import RelayStore
import Testing

/// `PostgresKeyRepository` against a real database.
@Suite struct KeyRepositoryTests {
    static func setUp(_ pool: PostgresPool) async throws -> (PostgresKeyRepository, OrganizationID) {
        let organization = try await PostgresOrganizationRepository(pool: pool).create(name: "acme")
        return (PostgresKeyRepository(pool: pool), organization)
    }

    static func succeeds(_ body: @Sendable () async throws -> APIKey) async -> Bool {
        (try? await body()) != nil
    }

    @Test func createGetAndListPages() async throws {
        try await StoreDatabase.withPool { pool in
            let (keys, org) = try await Self.setUp(pool)
            let creator = try await keys.create(Fixtures.newKey(org, name: "admin"), audit: Fixtures.audit)
            #expect(creator.createdBy == nil)
            var created = [creator]
            for index in 1..<8 {
                let key = try await keys.create(
                    Fixtures.newKey(
                        org, name: "key \(index)", scopes: [.send, .readOnly], rateLimits: RateLimits(perSecond: 5, perDay: 1000),
                        createdBy: creator.id),
                    audit: AuditContext(actor: creator.id, requestID: "req-\(index)"))
                created.append(key)
            }
            let sample = created[3]
            #expect(sample.name == "key 3")
            #expect(sample.scopes == [.send, .readOnly])
            #expect(sample.rateLimits == RateLimits(perSecond: 5, perDay: 1000))
            #expect(sample.createdBy == creator.id)
            #expect(sample.organizationID == org)
            #expect(sample.revokedAt == nil && sample.updatedAt == nil && sample.previousSecretExpiresAt == nil)
            #expect(try await keys.get(sample.id, in: org) == sample)
            let stored = try await pool.query("SELECT scopes FROM api_keys WHERE id = \(sample.id.uuid)")[0].decode([Int16].self, at: 0)
            #expect(stored == [2, 7])

            let createAudit = try await AuditRow.of(sample.id, pool)
            #expect(createAudit.map(\.action) == ["create"])
            #expect(createAudit.first?.actor == creator.id.uuid)
            #expect(createAudit.first?.requestID == "req-3")
            #expect(createAudit.first?.changes["name"]?["new"] as? String == "key 3")
            #expect(createAudit.first?.changes["scopes"]?["new"] as? String == "SEND,READ_ONLY")

            _ = try await keys.revoke(created[5].id, in: org, audit: Fixtures.audit)
            let newestFirst = created.reversed().map(\.id)
            let active = newestFirst.filter { $0 != created[5].id }

            // Three pages of active keys: 3 + 3 + 1.
            var listed: [APIKeyID] = []
            var cursor: KeyPageCursor?
            var pages = 0
            repeat {
                let page = try await keys.list(in: org, includeRevoked: false, after: cursor, limit: 3)
                #expect(page.totalCount == 7)
                listed += page.keys.map(\.id)
                pages += 1
                cursor = page.keys.count == 3 ? page.keys.last.map { KeyPageCursor(createdAt: $0.createdAt, id: $0.id) } : nil
            } while cursor != nil && pages < 5
            #expect(pages == 3)
            #expect(listed == active)

            let all = try await keys.list(in: org, includeRevoked: true, after: nil, limit: 100)
            #expect(all.totalCount == 8)
            #expect(all.keys.map(\.id) == newestFirst)
            #expect(all.keys.first { $0.id == created[5].id }?.revokedAt != nil)

            let afterLast = try await keys.list(
                in: org, includeRevoked: true, after: KeyPageCursor(createdAt: creator.createdAt, id: creator.id), limit: 10)
            #expect(afterLast.keys.isEmpty)
            #expect(afterLast.totalCount == 8)
        }
    }

    @Test func anotherOrganizationsKeyIsNotFound() async throws {
        try await StoreDatabase.withPool { pool in
            let (keys, org) = try await Self.setUp(pool)
            let other = try await PostgresOrganizationRepository(pool: pool).create(name: "other")
            let key = try await keys.create(Fixtures.newKey(org), audit: Fixtures.audit)
            _ = try await keys.create(Fixtures.newKey(other), audit: Fixtures.audit)
            let notFound = DomainError.notFound(resource: "API key", id: key.id.description)
            let settings = KeySettings(name: "stolen", scopes: [.send], expiresAt: nil, rateLimits: RateLimits())

            await #expect(throws: notFound) { try await keys.get(key.id, in: other) }
            await #expect(throws: notFound) {
                try await keys.update(key.id, in: other, to: settings, changes: ["name": FieldChange(old: "key", new: "stolen")], audit: Fixtures.audit)
            }
            await #expect(throws: notFound) { try await keys.revoke(key.id, in: other, audit: Fixtures.audit) }
            await #expect(throws: notFound) {
                try await keys.rotate(
                    key.id, in: other, newPrefix: "rly_x", newSecretHash: Fixtures.randomHash(), previousValidUntil: nil, audit: Fixtures.audit)
            }
            let missing = APIKeyID(UUID())
            await #expect(throws: DomainError.notFound(resource: "API key", id: missing.description)) {
                try await keys.get(missing, in: org)
            }
            #expect(try await keys.list(in: other, includeRevoked: true, after: nil, limit: 10).keys.allSatisfy { $0.organizationID == other })
            // Nothing changed.
            #expect(try await keys.get(key.id, in: org) == key)
            #expect(try await AuditRow.of(key.id, pool).map(\.action) == ["create"])
        }
    }

    @Test func updateWritesSettingsAndAuditRecords() async throws {
        try await StoreDatabase.withPool { pool in
            let (keys, org) = try await Self.setUp(pool)
            let key = try await keys.create(Fixtures.newKey(org, name: "before", scopes: [.send]), audit: Fixtures.audit)
            let expiry = Date().addingTimeInterval(86_400)
            let settings = KeySettings(
                name: "after", scopes: [.send, .templates], expiresAt: expiry, rateLimits: RateLimits(perMinute: 60))
            let changes = [
                "name": FieldChange(old: "before", new: "after"),
                "scopes": FieldChange(old: "SEND", new: "SEND,TEMPLATES"),
            ]
            let actor = AuditContext(actor: key.id, requestID: "req-update")
            let updated = try await keys.update(key.id, in: org, to: settings, changes: changes, audit: actor)
            #expect(updated.name == "after")
            #expect(updated.scopes == [.send, .templates])
            #expect(nearlyEqual(updated.expiresAt, expiry))
            #expect(updated.rateLimits == RateLimits(perMinute: 60))
            #expect(updated.updatedAt != nil)
            #expect(try await keys.get(key.id, in: org) == updated)

            let audit = try await AuditRow.of(key.id, pool)
            #expect(audit.map(\.action) == ["create", "update", "scopes"])
            #expect(Set(audit[1].changes.keys) == ["name", "scopes"])
            #expect(audit[1].changes["name"]?["old"] as? String == "before")
            #expect(audit[1].changes["name"]?["new"] as? String == "after")
            #expect(Set(audit[2].changes.keys) == ["scopes"])
            #expect(audit[2].changes["scopes"]?["new"] as? String == "SEND,TEMPLATES")
            #expect(audit[1].actor == key.id.uuid && audit[1].requestID == "req-update")
            // Never a secret or its hash.
            let leaks = try await pool.query(
                """
                SELECT count(*) FROM api_key_audit_log AS l JOIN api_keys AS k ON k.id = l.api_key_id
                WHERE l.changes::text LIKE '%' || encode(k.secret_hash, 'hex') || '%'
                   OR l.changes::text LIKE '%' || encode(k.secret_hash, 'base64') || '%'
                   OR l.changes::text ILIKE '%hash%'
                """)[0].decode(Int64.self, at: 0)
            #expect(leaks == 0)

            // No changes: no audit record.
            _ = try await keys.update(key.id, in: org, to: settings, changes: [:], audit: actor)
            #expect(try await AuditRow.of(key.id, pool).count == 3)

            // A constraint violation is the caller's mistake.
            var tooLong = settings
            tooLong.name = String(repeating: "n", count: 101)
            let error = await #expect(throws: DomainError.self) {
                try await keys.update(key.id, in: org, to: tooLong, changes: ["name": FieldChange(old: "after", new: tooLong.name)], audit: actor)
            }
            guard case .invalidArgument(let field, _) = error else {
                Issue.record("expected invalidArgument, got \(String(describing: error))")
                return
            }
            #expect(field == "name")

            // A revoked key cannot be updated.
            _ = try await keys.create(Fixtures.newKey(org, scopes: [.fullAccess]), audit: Fixtures.audit)
            _ = try await keys.revoke(key.id, in: org, audit: Fixtures.audit)
            await #expect(throws: DomainError.failedPrecondition("the key is revoked")) {
                try await keys.update(key.id, in: org, to: settings, changes: changes, audit: actor)
            }
        }
    }

    @Test func revokingTheLastFullAccessKeyFailsAndRevokeIsIdempotent() async throws {
        try await StoreDatabase.withPool { pool in
            let (keys, org) = try await Self.setUp(pool)
            let admin = try await keys.create(Fixtures.newKey(org, name: "admin"), audit: Fixtures.audit)
            let sender = try await keys.create(Fixtures.newKey(org, name: "sender", scopes: [.send]), audit: Fixtures.audit)
            // An expired FULL_ACCESS key does not count as a remaining one.
            let expired = try await keys.create(
                Fixtures.newKey(org, name: "old admin", expiresAt: Date().addingTimeInterval(-60)), audit: Fixtures.audit)

            let error = await #expect(throws: DomainError.self) { try await keys.revoke(admin.id, in: org, audit: Fixtures.audit) }
            guard case .failedPrecondition(let reason) = error else {
                Issue.record("expected failedPrecondition, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("last active FULL_ACCESS key"))
            #expect(try await keys.get(admin.id, in: org).revokedAt == nil)

            // Other keys, including an expired FULL_ACCESS one, can go.
            #expect(try await keys.revoke(sender.id, in: org, audit: Fixtures.audit).revokedAt != nil)
            let revokedExpired = try await keys.revoke(expired.id, in: org, audit: Fixtures.audit)
            #expect(revokedExpired.revokedAt != nil)

            // Idempotent: the same key back, no second audit record.
            let again = try await keys.revoke(expired.id, in: org, audit: Fixtures.audit)
            #expect(again == revokedExpired)
            #expect(try await AuditRow.of(expired.id, pool).map(\.action) == ["create", "revoke"])

            // With a second FULL_ACCESS key, racing revocations of both: exactly one wins.
            var survivor = admin
            for round in 0..<10 {
                let second = try await keys.create(Fixtures.newKey(org, name: "admin \(round)"), audit: Fixtures.audit)
                let pair = [survivor, second]
                async let first = Self.succeeds { try await keys.revoke(pair[0].id, in: org, audit: Fixtures.audit) }
                async let other = Self.succeeds { try await keys.revoke(pair[1].id, in: org, audit: Fixtures.audit) }
                let outcomes = await [first, other]
                #expect(outcomes.filter { $0 }.count == 1, "round \(round)")
                let remaining = try await keys.list(in: org, includeRevoked: false, after: nil, limit: 10).keys
                    .filter { $0.scopes.contains(.fullAccess) }
                #expect(remaining.count == 1, "round \(round)")
                guard let next = remaining.first else { break }
                survivor = next
            }
        }
    }

    @Test func rotationKeepsThePreviousSecretDuringItsGrace() async throws {
        try await StoreDatabase.withPool { pool in
            let (keys, org) = try await Self.setUp(pool)
            let original = Fixtures.hash(1)
            let key = try await keys.create(Fixtures.newKey(org, hash: original), audit: Fixtures.audit)
            let grace = Date().addingTimeInterval(3600)
            let replacement = Fixtures.hash(2)
            let rotated = try await keys.rotate(
                key.id, in: org, newPrefix: "rly_test_new", newSecretHash: replacement, previousValidUntil: grace,
                audit: AuditContext(actor: key.id, requestID: "req-rotate"))
            #expect(rotated.id == key.id)
            #expect(rotated.prefix == "rly_test_new")
            #expect(nearlyEqual(rotated.previousSecretExpiresAt, grace))

            let current = try #require(try await keys.credential(secretHash: replacement))
            #expect(current.key.id == key.id && !current.isPreviousSecret)
            let previous = try #require(try await keys.credential(secretHash: original))
            #expect(previous.key.id == key.id && previous.isPreviousSecret)
            #expect(nearlyEqual(previous.key.previousSecretExpiresAt, grace))

            let audit = try await AuditRow.of(key.id, pool)
            #expect(audit.map(\.action) == ["create", "rotate"])
            #expect(audit[1].changes["prefix"]?["old"] as? String == key.prefix)
            #expect(audit[1].changes["prefix"]?["new"] as? String == "rly_test_new")
            #expect(audit[1].changes["previous_secret_expire_time"]?["new"] is String)

            // Without a grace period the previous secret stops at once (and the older one too).
            let third = Fixtures.hash(3)
            let again = try await keys.rotate(
                key.id, in: org, newPrefix: "rly_test_3", newSecretHash: third, previousValidUntil: nil, audit: Fixtures.audit)
            #expect(again.previousSecretExpiresAt == nil)
            #expect(try await keys.credential(secretHash: original) == nil)
            #expect(try await keys.credential(secretHash: replacement) == nil)
            #expect(try await keys.credential(secretHash: third)?.isPreviousSecret == false)
            let lastAudit = try #require(try await AuditRow.of(key.id, pool).last)
            #expect(lastAudit.changesText.contains("\"previous_secret_expire_time\": {\"new\": null}"))

            // A grace end in the past is no grace.
            let fourth = Fixtures.hash(4)
            let past = try await keys.rotate(
                key.id, in: org, newPrefix: "rly_test_4", newSecretHash: fourth, previousValidUntil: Date().addingTimeInterval(-5),
                audit: Fixtures.audit)
            #expect(past.previousSecretExpiresAt == nil)
            #expect(try await keys.credential(secretHash: third) == nil)
            let columns = try await pool.query(
                "SELECT previous_secret_hash IS NULL AND previous_prefix IS NULL FROM api_keys WHERE id = \(key.id.uuid)")
            #expect(try columns[0].decode(Bool.self, at: 0))
        }
    }

    @Test func onlyActiveKeysRotate() async throws {
        try await StoreDatabase.withPool { pool in
            let (keys, org) = try await Self.setUp(pool)
            _ = try await keys.create(Fixtures.newKey(org, name: "admin"), audit: Fixtures.audit)
            let revoked = try await keys.create(Fixtures.newKey(org, scopes: [.send]), audit: Fixtures.audit)
            _ = try await keys.revoke(revoked.id, in: org, audit: Fixtures.audit)
            let expired = try await keys.create(
                Fixtures.newKey(org, scopes: [.send], expiresAt: Date().addingTimeInterval(-1)), audit: Fixtures.audit)
            await #expect(throws: DomainError.failedPrecondition("the key is revoked")) {
                try await keys.rotate(
                    revoked.id, in: org, newPrefix: "rly_n", newSecretHash: Fixtures.randomHash(), previousValidUntil: nil, audit: Fixtures.audit)
            }
            await #expect(throws: DomainError.failedPrecondition("the key is expired")) {
                try await keys.rotate(
                    expired.id, in: org, newPrefix: "rly_n", newSecretHash: Fixtures.randomHash(), previousValidUntil: nil, audit: Fixtures.audit)
            }
            #expect(try await keys.get(expired.id, in: org).prefix == expired.prefix)
        }
    }

    @Test func credentialCarriesTheOrganizationsLimits() async throws {
        try await StoreDatabase.withPool { pool in
            let (keys, org) = try await Self.setUp(pool)
            _ = try await pool.query(
                """
                UPDATE organizations SET rate_limit_per_second = 100, rate_limit_per_day = 50000,
                    key_rate_limit_per_minute = 600, key_rate_limit_per_hour = 7200
                WHERE id = \(org.uuid)
                """)
            let hash = Fixtures.randomHash()
            let key = try await keys.create(
                Fixtures.newKey(org, hash: hash, rateLimits: RateLimits(perSecond: 3)), audit: Fixtures.audit)
            let credential = try #require(try await keys.credential(secretHash: hash))
            #expect(credential.key == key)
            #expect(!credential.isPreviousSecret)
            #expect(credential.organizationLimits == RateLimits(perSecond: 100, perDay: 50000))
            #expect(credential.keyDefaultLimits == RateLimits(perMinute: 600, perHour: 7200))
            #expect(credential.key.rateLimits == RateLimits(perSecond: 3))
            #expect(try await keys.credential(secretHash: Fixtures.randomHash()) == nil)

            // Whatever the state: a revoked key is still returned (the caller refuses it).
            let sender = Fixtures.randomHash()
            let revoked = try await keys.create(Fixtures.newKey(org, scopes: [.send], hash: sender), audit: Fixtures.audit)
            _ = try await keys.revoke(revoked.id, in: org, audit: Fixtures.audit)
            #expect(try await keys.credential(secretHash: sender)?.key.revokedAt != nil)
        }
    }

    @Test func recordUseOnlyMovesForward() async throws {
        try await StoreDatabase.withPool { pool in
            let (keys, org) = try await Self.setUp(pool)
            let first = try await keys.create(Fixtures.newKey(org), audit: Fixtures.audit)
            let second = try await keys.create(Fixtures.newKey(org, scopes: [.send]), audit: Fixtures.audit)
            let t1 = Date(timeIntervalSince1970: 1_800_000_000)
            try await keys.recordUse(of: [first.id, second.id], at: t1)
            #expect(nearlyEqual(try await keys.get(first.id, in: org).lastUsedAt, t1))
            #expect(nearlyEqual(try await keys.get(second.id, in: org).lastUsedAt, t1))
            try await keys.recordUse(of: [first.id], at: t1.addingTimeInterval(-60))
            #expect(nearlyEqual(try await keys.get(first.id, in: org).lastUsedAt, t1))
            let t2 = t1.addingTimeInterval(120)
            try await keys.recordUse(of: [first.id], at: t2)
            #expect(nearlyEqual(try await keys.get(first.id, in: org).lastUsedAt, t2))
            #expect(nearlyEqual(try await keys.get(second.id, in: org).lastUsedAt, t1))
            try await keys.recordUse(of: [], at: t2)
            #expect(try await AuditRow.of(first.id, pool).count == 1)
        }
    }

    @Test func anUnreachableDatabaseIsUnavailable() async throws {
        try await StoreDatabase.withPool { pool in
            let (keys, org) = try await Self.setUp(pool)
            await pool.close()
            let error = await #expect(throws: DomainError.self) { try await keys.get(APIKeyID(UUID()), in: org) }
            guard case .unavailable = error else {
                Issue.record("expected unavailable, got \(String(describing: error))")
                return
            }
        }
    }
}
