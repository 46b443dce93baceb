public import Foundation

/// An organization (tenant) and the limits it sets for itself and for its keys.
public struct Organization: Sendable, Equatable {
    /// Its id.
    public var id: OrganizationID
    /// A name for people (1 to 200 characters).
    public var name: String
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date
    /// Its own limits over all its keys; unset windows: the server's defaults.
    public var rateLimits: RateLimits
    /// The limits of its keys that leave a window unset; unset here: the server's defaults for keys.
    public var defaultKeyRateLimits: RateLimits

    /// An organization with every field given.
    public init(
        id: OrganizationID, name: String, createdAt: Date, updatedAt: Date, rateLimits: RateLimits,
        defaultKeyRateLimits: RateLimits
    ) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.rateLimits = rateLimits
        self.defaultKeyRateLimits = defaultKeyRateLimits
    }
}
