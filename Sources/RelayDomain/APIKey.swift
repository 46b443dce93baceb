public import Foundation

/// An API key as stored: never its secret, only what identifies and governs it.
public struct APIKey: Sendable, Equatable {
    /// The key's id.
    public var id: APIKeyID
    /// The organization the key belongs to (and the only one it can see).
    public var organizationID: OrganizationID
    /// A name for people.
    public var name: String
    /// The visible start of the current secret, such as `rly_live_ab12cd34`.
    public var prefix: String
    /// What the key may do.
    public var scopes: Set<Scope>
    /// When the key was created.
    public var createdAt: Date
    /// When the key was last changed; nil if never.
    public var updatedAt: Date?
    /// When the key stops working; nil if never.
    public var expiresAt: Date?
    /// When the key last authenticated a call (to the minute); nil if never.
    public var lastUsedAt: Date?
    /// When the key was revoked; nil if it was not.
    public var revokedAt: Date?
    /// The key that created this one; nil for a key made by the bootstrap (CLI or first start).
    public var createdBy: APIKeyID?
    /// The key's own limits; unset windows take the organization's defaults for keys.
    public var rateLimits: RateLimits
    /// When the secret replaced by the last rotation stops working; nil when none works.
    public var previousSecretExpiresAt: Date?

    /// A key with every field given.
    public init(
        id: APIKeyID, organizationID: OrganizationID, name: String, prefix: String, scopes: Set<Scope>,
        createdAt: Date, updatedAt: Date? = nil, expiresAt: Date? = nil, lastUsedAt: Date? = nil,
        revokedAt: Date? = nil, createdBy: APIKeyID? = nil, rateLimits: RateLimits = RateLimits(),
        previousSecretExpiresAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.prefix = prefix
        self.scopes = scopes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.createdBy = createdBy
        self.rateLimits = rateLimits
        self.previousSecretExpiresAt = previousSecretExpiresAt
    }

    /// Whether the key works at `now`.
    public func state(at now: Date) -> APIKeyState {
        if revokedAt != nil { return .revoked }
        if let expiresAt, expiresAt <= now { return .expired }
        return .active
    }
}

/// Whether a key can authenticate calls.
public enum APIKeyState: Int16, Sendable {
    /// The key works.
    case active = 1
    /// Its expiry has passed.
    case expired = 2
    /// It was revoked, for good.
    case revoked = 3
}

/// Who is calling: the key a call authenticated with, and what it may do. A class: one is made
/// per cached credential and shared by every call made with it.
public final class Principal: Sendable, Equatable {
    /// The calling key.
    public let keyID: APIKeyID
    /// Its organization: every query of the call is confined to it.
    public let organizationID: OrganizationID
    /// Its scopes.
    public let scopes: Set<Scope>
    /// Its scopes as bits, for the per-call check.
    public let scopeMask: ScopeMask
    /// The key's limits, every window filled (the key's own, else its organization's defaults for
    /// keys, else the server's).
    public let keyLimits: RateLimits
    /// The organization's limits, every window filled (its own, else the server's).
    public let organizationLimits: RateLimits
    /// When the credential stops working (the key's expiry, or the end of a rotated secret's
    /// grace period), if it does.
    public let validUntil: Date?

    /// A principal with every field given.
    public init(
        keyID: APIKeyID, organizationID: OrganizationID, scopes: Set<Scope>, keyLimits: RateLimits,
        organizationLimits: RateLimits, validUntil: Date?
    ) {
        self.keyID = keyID
        self.organizationID = organizationID
        self.scopes = scopes
        self.scopeMask = ScopeMask(scopes)
        self.keyLimits = keyLimits
        self.organizationLimits = organizationLimits
        self.validUntil = validUntil
    }

    public static func == (a: Principal, b: Principal) -> Bool {
        a.keyID == b.keyID && a.organizationID == b.organizationID && a.scopes == b.scopes && a.keyLimits == b.keyLimits
            && a.organizationLimits == b.organizationLimits && a.validUntil == b.validUntil
    }
}
