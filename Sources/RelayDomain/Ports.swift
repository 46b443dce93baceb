public import Foundation

// The storage the use cases need, as protocols: RelayStore implements them on PostgreSQL, tests
// may use in-memory fakes. Every method confines itself to the organization it is given, and
// reports failures as `DomainError` (`.notFound` for a key of another organization, never its
// existence; `.unavailable` when the database cannot be reached).

/// A key to store: the secret is already hashed, and its visible prefix kept.
public struct NewAPIKey: Sendable {
    /// The organization it belongs to.
    public var organizationID: OrganizationID
    /// A name for people (1 to 100 characters).
    public var name: String
    /// The visible start of the secret.
    public var prefix: String
    /// SHA-256 of the secret (32 bytes).
    public var secretHash: [UInt8]
    /// What the key may do (at least one scope).
    public var scopes: Set<Scope>
    /// When it stops working; nil: never.
    public var expiresAt: Date?
    /// Its own limits.
    public var rateLimits: RateLimits
    /// The key that created it; nil: the bootstrap.
    public var createdBy: APIKeyID?

    /// A key with every field given.
    public init(
        organizationID: OrganizationID, name: String, prefix: String, secretHash: [UInt8], scopes: Set<Scope>,
        expiresAt: Date?, rateLimits: RateLimits, createdBy: APIKeyID?
    ) {
        self.organizationID = organizationID
        self.name = name
        self.prefix = prefix
        self.secretHash = secretHash
        self.scopes = scopes
        self.expiresAt = expiresAt
        self.rateLimits = rateLimits
        self.createdBy = createdBy
    }
}

/// Who did something to a key, for the audit log.
public struct AuditContext: Sendable, Equatable {
    /// The key that made the call; nil for the bootstrap (CLI or first start).
    public var actor: APIKeyID?
    /// The call's request id ("" outside a call).
    public var requestID: String

    /// An audit context with every field given.
    public init(actor: APIKeyID?, requestID: String) {
        self.actor = actor
        self.requestID = requestID
    }
}

/// One change of one field, for the audit log (values as text; never a secret).
public struct FieldChange: Sendable, Equatable, Codable {
    /// The value before; nil if unset.
    public var old: String?
    /// The value after; nil if unset.
    public var new: String?

    /// A change from `old` to `new`.
    public init(old: String?, new: String?) {
        self.old = old
        self.new = new
    }
}

/// The fields UpdateKey may change, with their new values (the whole set is written).
public struct KeySettings: Sendable, Equatable {
    /// The name.
    public var name: String
    /// The scopes.
    public var scopes: Set<Scope>
    /// The expiry; nil: never.
    public var expiresAt: Date?
    /// The key's own limits.
    public var rateLimits: RateLimits

    /// Settings with every field given.
    public init(name: String, scopes: Set<Scope>, expiresAt: Date?, rateLimits: RateLimits) {
        self.name = name
        self.scopes = scopes
        self.expiresAt = expiresAt
        self.rateLimits = rateLimits
    }
}

/// A page position in a key listing: after the key created at `createdAt` with id `id`.
public struct KeyPageCursor: Sendable, Equatable {
    /// The last listed key's creation time.
    public var createdAt: Date
    /// The last listed key's id.
    public var id: APIKeyID

    /// A cursor after one key.
    public init(createdAt: Date, id: APIKeyID) {
        self.createdAt = createdAt
        self.id = id
    }
}

/// What a secret hash identifies: the key, whether the hash is its rotated-out previous secret,
/// and the limits that apply to it.
public struct StoredCredential: Sendable, Equatable {
    /// The key.
    public var key: APIKey
    /// True when the hash matched the previous secret (valid until `key.previousSecretExpiresAt`).
    public var isPreviousSecret: Bool
    /// The organization's own limits (unset windows: the server's defaults apply).
    public var organizationLimits: RateLimits
    /// The organization's defaults for its keys (unset windows: the server's defaults apply).
    public var keyDefaultLimits: RateLimits

    /// A credential with every field given.
    public init(key: APIKey, isPreviousSecret: Bool, organizationLimits: RateLimits, keyDefaultLimits: RateLimits) {
        self.key = key
        self.isPreviousSecret = isPreviousSecret
        self.organizationLimits = organizationLimits
        self.keyDefaultLimits = keyDefaultLimits
    }
}

/// API keys and their audit log.
public protocol KeyRepository: Sendable {
    /// Stores a new key (and its `create` audit record) and returns it.
    func create(_ key: NewAPIKey, audit: AuditContext) async throws(DomainError) -> APIKey
    /// One key of the organization; `.notFound` otherwise.
    func get(_ id: APIKeyID, in organization: OrganizationID) async throws(DomainError) -> APIKey
    /// The organization's keys, newest first (by creation time, then id), after `cursor`, at most
    /// `limit`; with the number of keys matching over all pages.
    func list(
        in organization: OrganizationID, includeRevoked: Bool, after cursor: KeyPageCursor?, limit: Int
    ) async throws(DomainError) -> (keys: [APIKey], totalCount: Int)
    /// Writes new settings of a key that is not revoked, with one audit record per changed field
    /// group (`update`, and `scopes` when the scopes changed); `.notFound`, or
    /// `.failedPrecondition` for a revoked key.
    func update(
        _ id: APIKeyID, in organization: OrganizationID, to settings: KeySettings, changes: [String: FieldChange],
        audit: AuditContext
    ) async throws(DomainError) -> APIKey
    /// Revokes a key (a no-op returning it for a revoked key). `.failedPrecondition` when it is
    /// the organization's last active FULL_ACCESS key.
    func revoke(_ id: APIKeyID, in organization: OrganizationID, audit: AuditContext) async throws(DomainError) -> APIKey
    /// Gives an active key a new secret; the current one becomes the previous secret until
    /// `previousValidUntil` (nil or not after now: it stops at once). `.failedPrecondition` for a
    /// revoked or expired key.
    func rotate(
        _ id: APIKeyID, in organization: OrganizationID, newPrefix: String, newSecretHash: [UInt8],
        previousValidUntil: Date?, audit: AuditContext
    ) async throws(DomainError) -> APIKey
    /// The key whose current or previous secret has this SHA-256, whatever its state; nil if none.
    func credential(secretHash: [UInt8]) async throws(DomainError) -> StoredCredential?
    /// Records that keys authenticated calls (`last_used_at`, only moved forward).
    func recordUse(of keys: [APIKeyID], at time: Date) async throws(DomainError)
}

/// Organizations.
public protocol OrganizationRepository: Sendable {
    /// Creates an organization named `name`.
    func create(name: String) async throws(DomainError) -> OrganizationID
    /// The organization named `name` (the oldest, if several share it), or nil.
    func find(name: String) async throws(DomainError) -> OrganizationID?
    /// On a database with no organization at all, creates one named `name` and stores `key` in it
    /// (with `key.organizationID` replaced), atomically even with several instances starting at
    /// once; returns the key, or nil when an organization existed already.
    func bootstrapIfEmpty(name: String, key: NewAPIKey) async throws(DomainError) -> APIKey?
    /// One organization; `.notFound` if it does not exist.
    func get(_ id: OrganizationID) async throws(DomainError) -> Organization
    /// Writes an organization's name and limits, and tells every instance that the limits of its
    /// keys changed (their cached credentials are dropped).
    func update(_ id: OrganizationID, name: String, rateLimits: RateLimits, defaultKeyRateLimits: RateLimits) async throws(DomainError) -> Organization
}

/// One take from a shared rate-limit counter.
public struct RateLimitTake: Sendable, Equatable {
    /// The organization the counter belongs to.
    public var organizationID: OrganizationID
    /// The key's or the organization's counter.
    public var subject: RateLimitSubject
    /// The window kind.
    public var window: RateWindow
    /// The window's start (a multiple of its length since the epoch).
    public var windowStart: Date
    /// How many calls to take.
    public var wanted: Int64
    /// The window's limit.
    public var limit: Int64

    /// A take with every field given.
    public init(organizationID: OrganizationID, subject: RateLimitSubject, window: RateWindow, windowStart: Date, wanted: Int64, limit: Int64) {
        self.organizationID = organizationID
        self.subject = subject
        self.window = window
        self.windowStart = windowStart
        self.wanted = wanted
        self.limit = limit
    }
}

/// The rate-limit counters all instances share.
public protocol RateLimitCounters: Sendable {
    /// Takes from each counter as many calls as it has left, up to `wanted`, never passing
    /// `limit`; returns how many each take got, in order. All takes in one round trip.
    func take(_ takes: [RateLimitTake]) async throws(DomainError) -> [Int64]
}

/// Tells every instance when a key changes (update, rotation, revocation), so that cached
/// credentials are dropped at once rather than when they expire.
public protocol KeyChangeFeed: Sendable {
    /// The ids of changed keys as they change, from any instance; `nil` when changes may have been
    /// missed (the feed reconnected), meaning "forget every cached key". Ends when the feed closes.
    func changes() -> AsyncStream<APIKeyID?>
}
