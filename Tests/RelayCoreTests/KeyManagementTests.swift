import Foundation
import RelayCore
import RelayDomain
import Testing

@Suite struct KeyManagementTests {
    let organization = OrganizationID(UUID())

    func caller(_ scopes: Set<Scope>, organizationLimits: RateLimits = RateLimits(perSecond: 100)) -> Principal {
        Principal(keyID: APIKeyID(UUID()), organizationID: organization, scopes: scopes, keyLimits: RateLimits(), organizationLimits: organizationLimits, validUntil: nil)
    }

    @Test func createValidatesItsFields() async throws {
        let management = KeyManagement(keys: InMemoryKeys())
        let admin = caller([.fullAccess])
        let cases: [(String, Set<Scope>, Date?, RateLimits, String)] = [
            ("", [.send], nil, RateLimits(), "name"),
            (String(repeating: "n", count: 101), [.send], nil, RateLimits(), "name"),
            ("ok", [], nil, RateLimits(), "scopes"),
            ("ok", [.send], Date(timeIntervalSinceNow: -1), RateLimits(), "expire_time"),
            ("ok", [.send], nil, RateLimits(perSecond: 0), "rate_limits.per_second"),
            ("ok", [.send], nil, RateLimits(perSecond: 101), "rate_limits.per_second"),
        ]
        for (name, scopes, expiry, limits, field) in cases {
            let error = await #expect(throws: DomainError.self) {
                _ = try await management.create(name: name, scopes: scopes, expiresAt: expiry, rateLimits: limits, by: admin, requestID: "")
            }
            guard case .invalidArgument(let reported, _) = error else {
                Issue.record("expected invalidArgument(\(field)), got \(String(describing: error))")
                continue
            }
            #expect(reported == field)
        }
        let created = try await management.create(name: "ok", scopes: [.send, .domains], expiresAt: nil, rateLimits: RateLimits(perSecond: 100), by: admin, requestID: "")
        #expect(created.key.scopes == [.send, .domains])
        #expect(created.key.createdBy == admin.keyID)
    }

    @Test func aKeyCannotGrantAScopeItLacks() async throws {
        let management = KeyManagement(keys: InMemoryKeys())
        let error = await #expect(throws: DomainError.self) {
            _ = try await management.create(name: "k", scopes: [.send, .templates], expiresAt: nil, rateLimits: RateLimits(), by: caller([.send]), requestID: "")
        }
        #expect(error == .permissionDenied(needed: .templates, reason: "a key cannot grant the TEMPLATES scope it lacks"))
    }

    @Test func updateChangesOnlyTheMaskedFields() async throws {
        let keys = InMemoryKeys()
        let management = KeyManagement(keys: keys)
        let admin = caller([.fullAccess])
        let created = try await management.create(name: "before", scopes: [.send], expiresAt: nil, rateLimits: RateLimits(perSecond: 5, perMinute: 50), by: admin, requestID: "")
        let wanted = KeySettings(name: "after", scopes: [.domains], expiresAt: nil, rateLimits: RateLimits(perSecond: 9))
        let updated = try await management.update(created.key.id, fields: ["name", "rate_limits.per_second"], to: wanted, by: admin, requestID: "")
        #expect(updated.name == "after")
        #expect(updated.scopes == [.send])
        #expect(updated.rateLimits == RateLimits(perSecond: 9, perMinute: 50))
        await #expect(throws: DomainError.self) {
            _ = try await management.update(created.key.id, fields: ["prefix"], to: wanted, by: admin, requestID: "")
        }
        await #expect(throws: DomainError.self) {
            _ = try await management.update(created.key.id, fields: [], to: wanted, by: admin, requestID: "")
        }
    }

    @Test func anotherOrganizationsKeyIsNotFound() async throws {
        let keys = InMemoryKeys()
        let management = KeyManagement(keys: keys)
        let created = try await management.create(name: "k", scopes: [.send], expiresAt: nil, rateLimits: RateLimits(), by: caller([.fullAccess]), requestID: "")
        let stranger = Principal(keyID: APIKeyID(UUID()), organizationID: OrganizationID(UUID()), scopes: [.fullAccess], keyLimits: RateLimits(), organizationLimits: RateLimits(), validUntil: nil)
        await #expect(throws: DomainError.notFound(resource: "API key", id: created.key.id.description)) {
            _ = try await management.get(created.key.id, by: stranger)
        }
    }

    @Test func listPagesThroughEveryKeyOnceWithTokens() async throws {
        let keys = InMemoryKeys()
        let management = KeyManagement(keys: keys)
        let admin = caller([.fullAccess])
        var made: Set<APIKeyID> = []
        for i in 0..<7 {
            made.insert(try await management.create(name: "k\(i)", scopes: [.send], expiresAt: nil, rateLimits: RateLimits(), by: admin, requestID: "").key.id)
        }
        var seen: [APIKeyID] = []
        var token = ""
        repeat {
            let page = try await management.list(pageSize: 3, pageToken: token, includeRevoked: false, by: admin)
            #expect(page.totalCount == 7)
            seen += page.keys.map(\.id)
            token = page.nextPageToken
        } while !token.isEmpty
        #expect(seen.count == 7 && Set(seen) == made)
        await #expect(throws: DomainError.self) { _ = try await management.list(pageSize: 3, pageToken: "garbage", includeRevoked: false, by: admin) }
        await #expect(throws: DomainError.self) { _ = try await management.list(pageSize: 501, pageToken: "", includeRevoked: false, by: admin) }
    }

    @Test func rotationGraceIsBounded() async throws {
        let keys = InMemoryKeys()
        let management = KeyManagement(keys: keys)
        let admin = caller([.fullAccess])
        let created = try await management.create(name: "k", scopes: [.send], expiresAt: nil, rateLimits: RateLimits(), by: admin, requestID: "")
        for grace in [Duration.seconds(-1), .seconds(7 * 86400 + 1)] {
            await #expect(throws: DomainError.invalidArgument(field: "grace_period", reason: "must be between 0 and 7 days")) {
                _ = try await management.rotate(created.key.id, gracePeriod: grace, by: admin, requestID: "")
            }
        }
        let rotated = try await management.rotate(created.key.id, gracePeriod: nil, by: admin, requestID: "")
        let grace = rotated.oldSecretExpiresAt.timeIntervalSinceNow
        #expect(grace > 86400 - 60 && grace <= 86400)
    }
}
