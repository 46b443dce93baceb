import Foundation
import PostgresTestSupport
import RelayDomain
import RelayPostgres
import RelayStore

/// A fresh database with Relay's schema applied, per test (on ``TestPostgres``'s server).
enum StoreDatabase {
    static func migrate(_ configuration: PostgresConfiguration) async throws {
        _ = try await RelaySchema.migrator().migrate(configuration)
    }

    /// Runs `body` with a migrated database of its own, dropped afterwards.
    static func withDatabase<T>(_ body: (PostgresConfiguration) async throws -> T) async throws -> T {
        try await TestPostgres.withDatabase(prepare: migrate, body)
    }

    /// Runs `body` with a pool on a fresh migrated database.
    static func withPool<T>(
        options: PostgresPool.Options = PostgresPool.Options(), _ body: (PostgresPool) async throws -> T
    ) async throws -> T {
        try await TestPostgres.withPool(options: options, prepare: migrate, body)
    }
}

/// Keys and organizations for the tests.
enum Fixtures {
    /// 32 bytes derived from `seed` (a stand-in for SHA-256 of a secret).
    static func hash(_ seed: UInt8) -> [UInt8] {
        (0..<32).map { UInt8(truncatingIfNeeded: Int($0) &* 31 &+ Int(seed)) }
    }

    /// A random 32-byte hash.
    static func randomHash() -> [UInt8] {
        (0..<32).map { _ in UInt8.random(in: 0...255) }
    }

    static func newKey(
        _ organization: OrganizationID, name: String = "key", scopes: Set<Scope> = [.fullAccess],
        hash: [UInt8] = randomHash(), expiresAt: Date? = nil, rateLimits: RateLimits = RateLimits(), createdBy: APIKeyID? = nil
    ) -> NewAPIKey {
        NewAPIKey(
            organizationID: organization, name: name, prefix: "rly_test_" + String(hash.prefix(3).map { String($0, radix: 16) }.joined()),
            secretHash: hash, scopes: scopes, expiresAt: expiresAt, rateLimits: rateLimits, createdBy: createdBy)
    }

    static let audit = AuditContext(actor: nil, requestID: "req-test")
}
