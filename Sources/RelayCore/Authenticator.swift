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

    /// What the cache holds for one secret hash: the stored credential (nil: unknown) and the
    /// principal built from it once, shared by reference (a hit copies nothing).
    fileprivate final class Entry: Sendable {
        let hash: [UInt8]
        /// Nil for an unknown secret.
        let principal: Principal?
        let validity: Validity
        let fetched: ContinuousClock.Instant
        /// The minute (since the epoch) of the last use recorded for flushing: a use in the same
        /// minute costs nothing more.
        let recordedMinute = Atomic<Int64>(-1)
        /// Set when the entry leaves the cache (its key changed): a session holding it is stale.
        let forgotten = Atomic<Bool>(false)

        init(hash: [UInt8], principal: Principal?, validity: Validity, fetched: ContinuousClock.Instant) {
            self.hash = hash
            self.principal = principal
            self.validity = validity
            self.fetched = fetched
        }
    }

    /// What decides, at each call, whether a known credential still works.
    fileprivate struct Validity {
        var prefix = ""
        var revoked = false
        var expiresAt: Date?
        /// For a rotated-out secret: when its grace ends (nil: it has ended).
        var isPreviousSecret = false
        var graceEnd: Date?

        init() {}

        init(_ stored: StoredCredential) {
            prefix = stored.key.prefix
            revoked = stored.key.revokedAt != nil
            expiresAt = stored.key.expiresAt
            isPreviousSecret = stored.isPreviousSecret
            graceEnd = stored.key.previousSecretExpiresAt
        }
    }

    private let keys: any KeyRepository
    private let options: Options
    private let clock: @Sendable () -> Date
    /// The first 16 bytes of a secret's hash: the cache key.
    private struct Selector: Hashable {
        let high: UInt64
        let low: UInt64

        init(_ hash: [UInt8]) {
            var high: UInt64 = 0
            var low: UInt64 = 0
            for i in 0..<8 {
                high = high << 8 | UInt64(hash[i])
                low = low << 8 | UInt64(hash[8 + i])
            }
            self.high = high
            self.low = low
        }
    }

    private let cache = Mutex<[Selector: Entry]>([:])
    /// Lookups in flight: calls that miss the cache for the same secret at once share one query
    /// (an entry expiring under load would otherwise send every call in flight to the store).
    private let lookups = Mutex<[Selector: Task<StoredCredential?, any Error>]>([:])
    private let usage = Mutex<[APIKeyID: Date]>([:])

    /// An authenticator over `keys`.
    public init(keys: any KeyRepository, options: Options = Options(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.keys = keys
        self.options = options
        self.clock = clock
    }

    /// The principal of a bearer credential; `.unauthenticated` with the reason if it is malformed,
    /// unknown, expired, revoked, or a rotated-out secret past its grace period.
    public nonisolated(nonsending) func authenticate(_ credential: String) async throws(DomainError) -> Principal {
        try await authenticate(credential[...])
    }

    /// A credential authenticated once, to check again cheaply when the same credential comes back
    /// (on the same connection): no hash, no cache lookup, the same validity checks.
    public final class Session: Sendable {
        fileprivate let credential: String
        fileprivate let entry: Entry

        fileprivate init(credential: String, entry: Entry) {
            self.credential = credential
            self.entry = entry
        }
    }

    /// The principal of `credential` from `session` alone, when the session is for this very
    /// credential and still current (no suspension); nil when ``authenticate(_:reusing:)`` must be
    /// awaited. A credential no longer valid (at `now`, by default the authenticator's clock)
    /// throws at once.
    public func reauthenticate(_ credential: Substring, with session: Session?, at now: Date? = nil) throws(DomainError) -> Principal? {
        guard let session, Self.same(session.credential, credential), !session.entry.forgotten.load(ordering: .relaxed),
            ContinuousClock.now - session.entry.fetched < options.cacheLifetime, let principal = session.entry.principal
        else { return nil }
        try admit(session.entry, principal, at: now ?? clock())
        return principal
    }

    /// Whether `credential` is the session's (byte for byte; both are the caller's own, so the
    /// comparison need not be constant-time).
    private static func same(_ known: String, _ credential: Substring) -> Bool {
        let known = known.utf8.span
        let credential = credential.utf8.span
        guard known.count == credential.count else { return false }
        for index in known.indices where known[index] != credential[index] { return false }
        return true
    }

    /// The principal of a bearer credential, reusing `session` when it is for this very credential
    /// and still current; returns the session to keep for the next call.
    public nonisolated(nonsending) func authenticate(
        _ credential: Substring, reusing session: Session?
    ) async throws(DomainError) -> (principal: Principal, session: Session) {
        if let session, let principal = try reauthenticate(credential, with: session) { return (principal, session) }
        let (principal, entry) = try await lookUpEntry(credential)
        return (principal, Session(credential: String(credential), entry: entry))
    }

    /// The principal of a bearer credential (as cut out of a header).
    public nonisolated(nonsending) func authenticate(_ credential: Substring) async throws(DomainError) -> Principal {
        try await lookUpEntry(credential).principal
    }

    private nonisolated(nonsending) func lookUpEntry(_ credential: Substring) async throws(DomainError) -> (principal: Principal, entry: Entry) {
        if let problem = APIKeySecret.shapeProblem(of: credential) { throw .unauthenticated(problem) }
        let hash = SHA256.hash(credential)
        let selector = Selector(hash)
        let now = ContinuousClock.now
        var entry = cache.withLock { $0[selector] }
        if let cached = entry,
            !constantTimeEquals(cached.hash, hash)
                || now - cached.fetched >= (cached.principal == nil ? options.unknownLifetime : options.cacheLifetime)
        {
            entry = nil
        }
        if entry == nil {
            if let problem = APIKeySecret.malformation(of: credential) { throw .unauthenticated(problem) }
            let stored = try await lookUp(hash, selector)
            let fresh = Entry(
                hash: hash, principal: stored.map(principal(for:)), validity: stored.map(Validity.init) ?? Validity(), fetched: now)
            cache.withLock { cache in
                if cache.count >= 100_000 { cache.removeAll() }
                cache[selector] = fresh
            }
            entry = fresh
        }
        guard let entry, let principal = entry.principal else { throw .unauthenticated("unknown API key") }
        try admit(entry, principal, at: clock())
        return (principal, entry)
    }

    /// Checks a known credential's validity at `date`, and notes the key's use.
    private func admit(_ entry: Entry, _ principal: Principal, at date: Date) throws(DomainError) {
        try check(entry.validity, at: date)
        let minute = Int64((date.timeIntervalSince1970 / 60).rounded(.down))
        if entry.recordedMinute.exchange(minute, ordering: .relaxed) != minute { recordUse(of: principal.keyID, minute: minute) }
    }

    /// The store's answer for `hash`, shared with the calls asking for it at the same time.
    private nonisolated(nonsending) func lookUp(_ hash: [UInt8], _ selector: Selector) async throws(DomainError) -> StoredCredential? {
        let keys = self.keys
        let lookup = lookups.withLock { lookups in
            if let running = lookups[selector] { return running }
            let started = Task { try await keys.credential(secretHash: hash) }
            lookups[selector] = started
            return started
        }
        let outcome = await lookup.result
        lookups.withLock { lookups in lookups[selector] = nil }
        switch outcome {
        case .success(let stored): return stored
        case .failure(let error as DomainError): throw error
        case .failure(let error): throw .internalError("credential lookup failed: \(error)")
        }
    }

    /// Whether a credential works at `date`.
    private func check(_ validity: Validity, at date: Date) throws(DomainError) {
        if validity.revoked { throw .unauthenticated("the API key \(validity.prefix)… was revoked") }
        if let expiresAt = validity.expiresAt, expiresAt <= date {
            throw .unauthenticated("the API key \(validity.prefix)… has expired")
        }
        if validity.isPreviousSecret {
            guard let graceEnd = validity.graceEnd, graceEnd > date else {
                throw .unauthenticated("this secret of the API key \(validity.prefix)… was rotated and no longer works")
            }
        }
    }

    private func principal(for stored: StoredCredential) -> Principal {
        let key = stored.key
        var validUntil = key.expiresAt
        if stored.isPreviousSecret, let graceEnd = key.previousSecretExpiresAt {
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
                for entry in cache.values { entry.forgotten.store(true, ordering: .relaxed) }
                cache.removeAll()
                return
            }
            for entry in cache.values where entry.principal?.keyID == key { entry.forgotten.store(true, ordering: .relaxed) }
            cache = cache.filter { $0.value.principal?.keyID != key }
        }
    }

    /// Drops cached credentials as `feed` reports changed keys, until the feed ends.
    public func follow(_ feed: some KeyChangeFeed) async {
        for await change in feed.changes() { forget(change) }
    }

    // MARK: Last use

    private func recordUse(of key: APIKeyID, minute: Int64) {
        let time = Date(timeIntervalSince1970: Double(minute) * 60)
        usage.withLock { usage in
            if let last = usage[key], last >= time { return }
            usage[key] = time
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
