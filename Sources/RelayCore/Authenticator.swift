public import Foundation
public import RelayDomain
internal import RelayCrypto
internal import Synchronization

/// Turns a bearer credential into a ``Principal``, from a cache in front of the key store.
///
/// - The secret is hashed (SHA-256) and looked up by the first half of the hash; the whole hash is
///   then compared in constant time, so timing reveals nothing about the secret.
/// - A cached credential is trusted for ``Options/cacheLifetime``; changes to a key (revocation,
///   rotation, scopes) reach every instance at once through ``KeyChangeFeed`` (see ``follow(_:)``),
///   and within the cache lifetime even if a notification is lost.
/// - Unknown secrets are remembered for ``Options/unknownLifetime`` so that a flood of bad keys
///   does not become a flood of queries.
/// - `last_used_at` is recorded to the minute, in one write per flush for all keys used
///   (``flushUsage()``), never per call.
public final class Authenticator: Sendable {
    /// Cache lifetimes and the server's default limits.
    public struct Options: Sendable {
        /// How long a cached credential is used without asking the store again.
        public var cacheLifetime: Duration = .seconds(30)
        /// How long an unknown secret is remembered as unknown.
        public var unknownLifetime: Duration = .seconds(5)
        /// The limits of a key whose key and organization leave a window unset.
        public var defaultKeyLimits = RateLimits()
        /// The limits of an organization that leaves a window unset.
        public var defaultOrganizationLimits = RateLimits()

        /// Defaults: 30 s, 5 s, no default limits.
        public init() {}
    }

    private struct Entry {
        let hash: [UInt8]
        let credential: StoredCredential?
        let fetched: ContinuousClock.Instant
    }

    private let keys: any KeyRepository
    private let options: Options
    private let clock: @Sendable () -> Date
    private let cache = Mutex<[ArraySlice<UInt8>: Entry]>([:])
    private let usage = Mutex<[APIKeyID: Date]>([:])

    /// An authenticator over `keys`.
    public init(keys: any KeyRepository, options: Options = Options(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.keys = keys
        self.options = options
        self.clock = clock
    }

    /// The principal of a bearer credential; `.unauthenticated` with the reason if it is malformed,
    /// unknown, expired, revoked, or a rotated-out secret past its grace period.
    public func authenticate(_ credential: String) async throws(DomainError) -> Principal {
        if let problem = APIKeySecret.malformation(of: credential) { throw .unauthenticated(problem) }
        let hash = SHA256.hash(credential)
        let selector = hash[0..<16]
        let now = ContinuousClock.now
        let cached = cache.withLock { $0[selector] }
        let stored: StoredCredential?
        if let cached, constantTimeEquals(cached.hash, hash),
            now - cached.fetched < (cached.credential == nil ? options.unknownLifetime : options.cacheLifetime)
        {
            stored = cached.credential
        } else {
            stored = try await keys.credential(secretHash: hash)
            let entry = Entry(hash: hash, credential: stored, fetched: now)
            cache.withLock { cache in
                if cache.count >= 100_000 { cache.removeAll() }
                cache[selector] = entry
            }
        }
        guard let stored else { throw .unauthenticated("unknown API key") }
        let principal = try principal(for: stored, at: clock())
        recordUse(of: stored.key.id)
        return principal
    }

    private func principal(for stored: StoredCredential, at date: Date) throws(DomainError) -> Principal {
        let key = stored.key
        switch key.state(at: date) {
        case .revoked: throw .unauthenticated("the API key \(key.prefix)… was revoked")
        case .expired: throw .unauthenticated("the API key \(key.prefix)… has expired")
        case .active: break
        }
        var validUntil = key.expiresAt
        if stored.isPreviousSecret {
            guard let graceEnd = key.previousSecretExpiresAt, graceEnd > date else {
                throw .unauthenticated("this secret of the API key \(key.prefix)… was rotated and no longer works")
            }
            validUntil = min(validUntil ?? graceEnd, graceEnd)
        }
        return Principal(
            keyID: key.id, organizationID: key.organizationID, scopes: key.scopes,
            keyLimits: key.rateLimits.filled(from: stored.keyDefaultLimits).filled(from: options.defaultKeyLimits),
            organizationLimits: stored.organizationLimits.filled(from: options.defaultOrganizationLimits),
            validUntil: validUntil)
    }

    /// Drops cached credentials of `key`, or every cached credential for `nil`.
    public func forget(_ key: APIKeyID?) {
        cache.withLock { cache in
            guard let key else {
                cache.removeAll()
                return
            }
            cache = cache.filter { $0.value.credential?.key.id != key }
        }
    }

    /// Drops cached credentials as `feed` reports changed keys, until the feed ends.
    public func follow(_ feed: some KeyChangeFeed) async {
        for await change in feed.changes() { forget(change) }
    }

    // MARK: Last use

    private func recordUse(of key: APIKeyID) {
        let minute = Date(timeIntervalSince1970: (clock().timeIntervalSince1970 / 60).rounded(.down) * 60)
        usage.withLock { usage in
            if let last = usage[key], last >= minute { return }
            usage[key] = minute
        }
    }

    /// Writes the last-use times gathered since the previous flush (one statement per distinct
    /// minute); on failure they are kept for the next flush.
    public func flushUsage() async {
        let pending = usage.withLock { usage in
            let taken = usage
            usage.removeAll()
            return taken
        }
        for (minute, entries) in Dictionary(grouping: pending, by: \.value) {
            do {
                try await keys.recordUse(of: entries.map(\.key), at: minute)
            } catch {
                usage.withLock { usage in
                    for (key, time) in entries where usage[key].map({ $0 < time }) ?? true { usage[key] = time }
                }
            }
        }
    }
}
