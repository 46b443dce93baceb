import Foundation
import RelayDomain
import RelayPostgres
import RelayStore
import Testing

/// `PostgresOrganizationRepository` against a real database.
@Suite struct OrganizationRepositoryTests {
    @Test func createAndFindTheOldest() async throws {
        try await StoreDatabase.withPool { pool in
            let organizations = PostgresOrganizationRepository(pool: pool)
            #expect(try await organizations.find(name: "acme") == nil)
            let first = try await organizations.create(name: "acme")
            let second = try await organizations.create(name: "acme")
            #expect(first != second)
            #expect(try await organizations.find(name: "acme") == first)
            #expect(try await organizations.find(name: "Acme") == nil)
            let error = await #expect(throws: DomainError.self) { try await organizations.create(name: "") }
            guard case .invalidArgument(let field, _) = error else {
                Issue.record("expected invalidArgument, got \(String(describing: error))")
                return
            }
            #expect(field == "name")
        }
    }

    @Test func getAndUpdateNameAndLimitsAnnouncingTheChangeToItsKeys() async throws {
        try await StoreDatabase.withPool { pool in
            let organizations = PostgresOrganizationRepository(pool: pool)
            let id = try await organizations.create(name: "acme")
            let key = try await PostgresKeyRepository(pool: pool).create(Fixtures.newKey(id), audit: Fixtures.audit)
            let fresh = try await organizations.get(id)
            #expect(fresh.name == "acme" && fresh.rateLimits == RateLimits() && fresh.defaultKeyRateLimits == RateLimits())
            let listener = try await PostgresPool.connect(pool.configuration)
            try await listener.listen("relay_api_keys")
            var notifications = await listener.notifications().makeAsyncIterator()
            let updated = try await organizations.update(
                id, name: "Acme EU", rateLimits: RateLimits(perMinute: 60), defaultKeyRateLimits: RateLimits(perSecond: 2, perDay: 900))
            #expect(updated.name == "Acme EU" && updated.rateLimits == RateLimits(perMinute: 60))
            #expect(updated.defaultKeyRateLimits == RateLimits(perSecond: 2, perDay: 900))
            #expect(try await organizations.get(id) == updated)
            #expect(await notifications.next()?.payload == key.id.uuid.uuidString.lowercased())
            await listener.close()
            let missing = OrganizationID(UUID())
            await #expect(throws: DomainError.notFound(resource: "organization", id: missing.description)) {
                _ = try await organizations.get(missing)
            }
        }
    }

    @Test func bootstrapCreatesTheFirstOrganizationOnly() async throws {
        try await StoreDatabase.withPool { pool in
            let organizations = PostgresOrganizationRepository(pool: pool)
            let placeholder = OrganizationID(UUID())
            let key = try #require(
                try await organizations.bootstrapIfEmpty(name: "first", key: Fixtures.newKey(placeholder, name: "bootstrap")))
            #expect(key.organizationID != placeholder)
            #expect(try await organizations.find(name: "first") == key.organizationID)
            #expect(key.createdBy == nil && key.scopes == [.fullAccess])
            let audit = try await AuditRow.of(key.id, pool)
            #expect(audit.map(\.action) == ["create"])
            #expect(audit.first?.actor == nil)
            #expect(try await PostgresKeyRepository(pool: pool).get(key.id, in: key.organizationID) == key)
            #expect(try await organizations.bootstrapIfEmpty(name: "second", key: Fixtures.newKey(placeholder)) == nil)
            #expect(try await organizations.find(name: "second") == nil)
        }
    }

    @Test func racingBootstrapsCreateExactlyOneKey() async throws {
        try await StoreDatabase.withDatabase { configuration in
            let pools = [PostgresPool(configuration: configuration), PostgresPool(configuration: configuration)]
            let placeholder = OrganizationID(UUID())
            for round in 0..<5 {
                let keys = try await withThrowingTaskGroup(of: APIKey?.self) { group in
                    for (index, pool) in pools.enumerated() {
                        group.addTask {
                            try await PostgresOrganizationRepository(pool: pool).bootstrapIfEmpty(
                                name: "org \(index)", key: Fixtures.newKey(placeholder, name: "bootstrap \(index)"))
                        }
                    }
                    return try await group.reduce(into: [APIKey?]()) { $0.append($1) }
                }
                #expect(keys.compactMap { $0 }.count == 1, "round \(round)")
                let counts = try await pools[0].query("SELECT (SELECT count(*) FROM organizations), (SELECT count(*) FROM api_keys)")
                let (organizations, apiKeys) = try counts[0].decode((Int64, Int64).self)
                #expect(organizations == 1 && apiKeys == 1, "round \(round)")
                _ = try await pools[0].query("DELETE FROM organizations")
            }
            for pool in pools { await pool.close() }
        }
    }
}
