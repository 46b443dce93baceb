import Foundation
import RelayDomain
import Synchronization

/// In-memory stand-ins for the ports, for fast unit tests of the use cases (the PostgreSQL
/// implementations are tested against a real server in RelayStoreTests).
final class InMemoryCounters: RateLimitCounters {
    struct CounterKey: Hashable {
        let subject: RateLimitSubject
        let window: RateWindow
        let start: Date
    }

    let counts = Mutex<[CounterKey: Int64]>([:])
    let roundTrips = Atomic<Int>(0)

    func take(_ takes: [RateLimitTake]) async throws(DomainError) -> [Int64] {
        roundTrips.add(1, ordering: .relaxed)
        return counts.withLock { counts in
            takes.map { take in
                let key = CounterKey(subject: take.subject, window: take.window, start: take.windowStart)
                let current = counts[key, default: 0]
                let granted = min(take.wanted, max(0, take.limit - current))
                counts[key] = current + granted
                return granted
            }
        }
    }
}

final class InMemoryKeys: KeyRepository {
    struct Stored {
        var key: APIKey
        var hash: [UInt8]
        var previousHash: [UInt8]?
    }

    let keys = Mutex<[APIKeyID: Stored]>([:])
    let lookups = Atomic<Int>(0)
    let organizationLimits: RateLimits
    /// How long a credential lookup takes (a database round trip).
    let lookupDelay: Duration

    init(organizationLimits: RateLimits = RateLimits(), lookupDelay: Duration = .zero) {
        self.organizationLimits = organizationLimits
        self.lookupDelay = lookupDelay
    }

    func create(_ new: NewAPIKey, audit: AuditContext) async throws(DomainError) -> APIKey {
        let key = APIKey(
            id: APIKeyID(UUID()), organizationID: new.organizationID, name: new.name, prefix: new.prefix, scopes: new.scopes,
            createdAt: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1e6).rounded() / 1e6),  // PostgreSQL keeps µs
            expiresAt: new.expiresAt, createdBy: new.createdBy, rateLimits: new.rateLimits)
        keys.withLock { $0[key.id] = Stored(key: key, hash: new.secretHash) }
        return key
    }

    func get(_ id: APIKeyID, in organization: OrganizationID) async throws(DomainError) -> APIKey {
        guard let stored = keys.withLock({ $0[id] }), stored.key.organizationID == organization else {
            throw .notFound(resource: "API key", id: id.description)
        }
        return stored.key
    }

    func list(in organization: OrganizationID, includeRevoked: Bool, after cursor: KeyPageCursor?, limit: Int) async throws(DomainError) -> (keys: [APIKey], totalCount: Int) {
        let all = keys.withLock { $0.values.map(\.key) }
            .filter { $0.organizationID == organization && (includeRevoked || $0.revokedAt == nil) }
            .sorted { ($0.createdAt, $0.id.description) > ($1.createdAt, $1.id.description) }
        let after = all.filter { key in
            guard let cursor else { return true }
            return (key.createdAt, key.id.description) < (cursor.createdAt, cursor.id.description)
        }
        return (Array(after.prefix(limit)), all.count)
    }

    func update(_ id: APIKeyID, in organization: OrganizationID, to settings: KeySettings, changes: [String: FieldChange], audit: AuditContext) async throws(DomainError) -> APIKey {
        try mutate(id, organization) { key in
            key.name = settings.name
            key.scopes = settings.scopes
            key.expiresAt = settings.expiresAt
            key.rateLimits = settings.rateLimits
            key.updatedAt = Date()
        }
    }

    func revoke(_ id: APIKeyID, in organization: OrganizationID, audit: AuditContext) async throws(DomainError) -> APIKey {
        try mutate(id, organization) { key in
            if key.revokedAt == nil { key.revokedAt = Date() }
        }
    }

    func rotate(_ id: APIKeyID, in organization: OrganizationID, newPrefix: String, newSecretHash: [UInt8], previousValidUntil: Date?, audit: AuditContext) async throws(DomainError) -> APIKey {
        let key = try mutate(id, organization) { key in
            key.prefix = newPrefix
            key.previousSecretExpiresAt = previousValidUntil
        }
        keys.withLock { keys in
            keys[id]!.previousHash = previousValidUntil == nil ? nil : keys[id]!.hash
            keys[id]!.hash = newSecretHash
        }
        return key
    }

    func credential(secretHash: [UInt8]) async throws(DomainError) -> StoredCredential? {
        lookups.add(1, ordering: .relaxed)
        if lookupDelay > .zero { try? await Task.sleep(for: lookupDelay) }
        return keys.withLock { keys in
            for stored in keys.values {
                if stored.hash == secretHash {
                    return StoredCredential(key: stored.key, isPreviousSecret: false, organizationLimits: organizationLimits, keyDefaultLimits: RateLimits())
                }
                if stored.previousHash == secretHash {
                    return StoredCredential(key: stored.key, isPreviousSecret: true, organizationLimits: organizationLimits, keyDefaultLimits: RateLimits())
                }
            }
            return nil
        }
    }

    func recordUse(of ids: [APIKeyID], at time: Date) async throws(DomainError) {
        keys.withLock { keys in
            for id in ids where keys[id] != nil {
                if keys[id]!.key.lastUsedAt.map({ $0 < time }) ?? true { keys[id]!.key.lastUsedAt = time }
            }
        }
    }

    private func mutate(_ id: APIKeyID, _ organization: OrganizationID, _ change: (inout APIKey) -> Void) throws(DomainError) -> APIKey {
        let result: APIKey? = keys.withLock { keys in
            guard var stored = keys[id], stored.key.organizationID == organization else { return nil }
            change(&stored.key)
            keys[id] = stored
            return stored.key
        }
        guard let result else { throw .notFound(resource: "API key", id: id.description) }
        return result
    }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let now: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { now = Mutex(start) }
    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
    func set(_ date: Date) { now.withLock { $0 = date } }
    var function: @Sendable () -> Date { { self.date } }
}
