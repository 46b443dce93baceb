public import Foundation
public import RelayDomain

/// The key-management use cases (`KeyService`): validation, the rules on scopes, limits, expiry,
/// rotation and revocation, and what the audit log records. The caller's scope was checked
/// before (only FULL_ACCESS keys manage keys); everything here is confined to its organization.
public struct KeyManagement: Sendable {
    /// The longest grace period a rotation may give the old secret.
    public static let maxGracePeriod: Duration = .seconds(7 * 86400)
    /// The grace period when the request leaves it unset.
    public static let defaultGracePeriod: Duration = .seconds(86400)

    private let keys: any KeyRepository
    private let clock: @Sendable () -> Date

    /// Use cases over `keys`.
    public init(keys: any KeyRepository, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.keys = keys
        self.clock = clock
    }

    /// Creates a key; returns it with its secret (shown once).
    public func create(
        name: String, scopes: Set<Scope>, expiresAt: Date?, rateLimits: RateLimits, by caller: Principal, requestID: String
    ) async throws(DomainError) -> (key: APIKey, secret: String) {
        try Self.check(name: name)
        try Self.check(scopes: scopes, grantedBy: caller)
        try check(expiresAt: expiresAt)
        try Self.check(rateLimits, within: caller.organizationLimits)
        let secret = APIKeySecret.generate()
        let key = try await keys.create(
            NewAPIKey(
                organizationID: caller.organizationID, name: name, prefix: secret.prefix, secretHash: secret.hash,
                scopes: scopes, expiresAt: expiresAt, rateLimits: rateLimits, createdBy: caller.keyID),
            audit: AuditContext(actor: caller.keyID, requestID: requestID))
        return (key, secret.text)
    }

    /// Creates a key outside any call (the `relay keys create` command and the first start).
    public static func bootstrapKey(organization: OrganizationID, name: String, scopes: Set<Scope>) throws(DomainError) -> (key: NewAPIKey, secret: String) {
        try check(name: name)
        guard !scopes.isEmpty else { throw .invalidArgument(field: "scopes", reason: "a key needs at least one scope") }
        let secret = APIKeySecret.generate()
        let key = NewAPIKey(
            organizationID: organization, name: name, prefix: secret.prefix, secretHash: secret.hash, scopes: scopes,
            expiresAt: nil, rateLimits: RateLimits(), createdBy: nil)
        return (key, secret.text)
    }

    /// One key.
    public func get(_ id: APIKeyID, by caller: Principal) async throws(DomainError) -> APIKey {
        try await keys.get(id, in: caller.organizationID)
    }

    /// A page of keys, newest first; `pageToken` is the previous page's `nextPageToken`.
    public func list(
        pageSize: Int, pageToken: String, includeRevoked: Bool, by caller: Principal
    ) async throws(DomainError) -> (keys: [APIKey], nextPageToken: String, totalCount: Int) {
        guard (0...500).contains(pageSize) else {
            throw .invalidArgument(field: "page_size", reason: "must be between 1 and 500 (0 means 50), not \(pageSize)")
        }
        let size = pageSize == 0 ? 50 : pageSize
        let cursor = try PageToken.decode(pageToken, includeRevoked: includeRevoked)
        let page = try await keys.list(in: caller.organizationID, includeRevoked: includeRevoked, after: cursor, limit: size + 1)
        let shown = Array(page.keys.prefix(size))
        let next = page.keys.count > size ? shown.last.map { PageToken.encode($0, includeRevoked: includeRevoked) } ?? "" : ""
        return (shown, next, page.totalCount)
    }

    /// Changes the fields named in `fields` (`name`, `scopes`, `expire_time`, `rate_limits`,
    /// `rate_limits.per_second` … `rate_limits.per_day`) to their values in `settings`.
    public func update(
        _ id: APIKeyID, fields: [String], to wanted: KeySettings, by caller: Principal, requestID: String
    ) async throws(DomainError) -> APIKey {
        guard !fields.isEmpty else { throw .invalidArgument(field: "update_mask", reason: "name at least one field to change") }
        let current = try await keys.get(id, in: caller.organizationID)
        guard current.revokedAt == nil else { throw .failedPrecondition("the key \(id) is revoked and cannot change") }
        var next = KeySettings(name: current.name, scopes: current.scopes, expiresAt: current.expiresAt, rateLimits: current.rateLimits)
        for field in Set(fields) {
            switch field {
            case "name": next.name = wanted.name
            case "scopes": next.scopes = wanted.scopes
            case "expire_time": next.expiresAt = wanted.expiresAt
            case "rate_limits": next.rateLimits = wanted.rateLimits
            case "rate_limits.per_second": next.rateLimits.perSecond = wanted.rateLimits.perSecond
            case "rate_limits.per_minute": next.rateLimits.perMinute = wanted.rateLimits.perMinute
            case "rate_limits.per_hour": next.rateLimits.perHour = wanted.rateLimits.perHour
            case "rate_limits.per_day": next.rateLimits.perDay = wanted.rateLimits.perDay
            default:
                throw .invalidArgument(
                    field: "update_mask",
                    reason: "\"\(field)\" cannot be changed (name, scopes, expire_time, rate_limits, rate_limits.per_second, rate_limits.per_minute, rate_limits.per_hour, rate_limits.per_day can)")
            }
        }
        try Self.check(name: next.name)
        try Self.check(scopes: next.scopes, grantedBy: caller)
        if next.expiresAt != current.expiresAt { try check(expiresAt: next.expiresAt) }
        try Self.check(next.rateLimits, within: caller.organizationLimits)
        let changes = Self.changes(from: current, to: next)
        if changes.isEmpty { return current }
        return try await keys.update(id, in: caller.organizationID, to: next, changes: changes, audit: AuditContext(actor: caller.keyID, requestID: requestID))
    }

    /// Revokes a key (it may be the caller's own).
    public func revoke(_ id: APIKeyID, by caller: Principal, requestID: String) async throws(DomainError) -> APIKey {
        try await keys.revoke(id, in: caller.organizationID, audit: AuditContext(actor: caller.keyID, requestID: requestID))
    }

    /// Gives a key a new secret; the old one works for `gracePeriod` (default 24 h, at most 7 days).
    public func rotate(
        _ id: APIKeyID, gracePeriod: Duration?, by caller: Principal, requestID: String
    ) async throws(DomainError) -> (key: APIKey, secret: String, oldSecretExpiresAt: Date) {
        let grace = gracePeriod ?? Self.defaultGracePeriod
        guard grace >= .zero, grace <= Self.maxGracePeriod else {
            throw .invalidArgument(field: "grace_period", reason: "must be between 0 and 7 days")
        }
        let now = clock()
        let graceEnd = now.addingTimeInterval(Double(grace.components.seconds) + Double(grace.components.attoseconds) / 1e18)
        let secret = APIKeySecret.generate()
        let key = try await keys.rotate(
            id, in: caller.organizationID, newPrefix: secret.prefix, newSecretHash: secret.hash,
            previousValidUntil: grace > .zero ? graceEnd : nil, audit: AuditContext(actor: caller.keyID, requestID: requestID))
        return (key, secret.text, grace > .zero ? graceEnd : now)
    }

    // MARK: Rules

    static func check(name: String) throws(DomainError) {
        try check(name: name, field: "name", maxLength: 100)
    }

    /// A name for people: 1 to `maxLength` characters, not only spaces, no control characters.
    static func check(name: String, field: String, maxLength: Int) throws(DomainError) {
        let count = name.count
        guard count >= 1, count <= maxLength, !name.allSatisfy(\.isWhitespace) else {
            throw .invalidArgument(field: field, reason: "must be 1 to \(maxLength) characters, not only spaces")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidArgument(field: field, reason: "must not contain control characters")
        }
    }

    static func check(scopes: Set<Scope>, grantedBy caller: Principal) throws(DomainError) {
        guard !scopes.isEmpty else { throw .invalidArgument(field: "scopes", reason: "a key needs at least one scope") }
        if caller.scopes.contains(.fullAccess) { return }
        if let lacking = scopes.subtracting(caller.scopes).min() {
            throw .permissionDenied(needed: lacking, reason: "a key cannot grant the \(lacking.name) scope it lacks")
        }
    }

    private func check(expiresAt: Date?) throws(DomainError) {
        if let expiresAt, expiresAt <= clock() {
            throw .invalidArgument(field: "expire_time", reason: "must be in the future")
        }
    }

    static func check(_ limits: RateLimits, within organization: RateLimits) throws(DomainError) {
        for window in RateWindow.allCases {
            guard let limit = limits[window] else { continue }
            guard limit >= 1 else {
                throw .invalidArgument(field: "rate_limits.per_\(window.name)", reason: "must be at least 1, not \(limit)")
            }
            if let cap = organization[window], limit > cap {
                throw .invalidArgument(
                    field: "rate_limits.per_\(window.name)", reason: "\(limit) is above the organization's limit of \(cap) per \(window.name)")
            }
        }
    }

    static func changes(from key: APIKey, to settings: KeySettings) -> [String: FieldChange] {
        var changes: [String: FieldChange] = [:]
        if key.name != settings.name { changes["name"] = FieldChange(old: key.name, new: settings.name) }
        if key.scopes != settings.scopes {
            changes["scopes"] = FieldChange(old: describe(key.scopes), new: describe(settings.scopes))
        }
        if key.expiresAt != settings.expiresAt {
            changes["expire_time"] = FieldChange(old: key.expiresAt.map(iso), new: settings.expiresAt.map(iso))
        }
        for window in RateWindow.allCases where key.rateLimits[window] != settings.rateLimits[window] {
            changes["rate_limits.per_\(window.name)"] = FieldChange(
                old: key.rateLimits[window].map(String.init), new: settings.rateLimits[window].map(String.init))
        }
        return changes
    }

    private static func describe(_ scopes: Set<Scope>) -> String { scopes.sorted().map(\.name).joined(separator: ",") }
    private static func iso(_ date: Date) -> String { date.ISO8601Format() }
}

/// `ListKeys` page tokens: opaque to callers, they carry the last key shown and the filter they
/// were made for (a token reused with another filter is refused).
enum PageToken {
    static func encode(_ key: APIKey, includeRevoked: Bool) -> String {
        let micros = Int64((key.createdAt.timeIntervalSince1970 * 1_000_000).rounded())
        let text = "v1|\(includeRevoked ? 1 : 0)|\(micros)|\(key.id)"
        return Data(text.utf8).base64EncodedString()
    }

    static func decode(_ token: String, includeRevoked: Bool) throws(DomainError) -> KeyPageCursor? {
        if token.isEmpty { return nil }
        let invalid = DomainError.invalidArgument(field: "page_token", reason: "is not a token this list returned")
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = text.split(separator: "|").map(String.init)
        guard parts.count == 4, parts[0] == "v1", let micros = Int64(parts[2]), let id = APIKeyID(text: parts[3]) else { throw invalid }
        guard parts[1] == (includeRevoked ? "1" : "0") else {
            throw .invalidArgument(field: "page_token", reason: "was made for another include_revoked value")
        }
        return KeyPageCursor(createdAt: Date(timeIntervalSince1970: Double(micros) / 1_000_000), id: id)
    }
}
