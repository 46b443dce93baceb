internal import Foundation
internal import ProtoWire
internal import RelayAPI
internal import RelayDomain

// Contract messages ⇄ domain values for KeyService.

extension Timestamp {
    init(_ date: Date) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        self.init(seconds: Int64(seconds), nanos: Int32(((date.timeIntervalSince1970 - seconds) * 1e9).rounded().clamped(to: 0...999_999_999)))
    }

    /// The instant, or `.invalidArgument` naming `field` when it is outside the Timestamp range.
    func date(field: String) throws(DomainError) -> Date {
        guard (-62_135_596_800...253_402_300_799).contains(seconds), (0...999_999_999).contains(nanos) else {
            throw .invalidArgument(field: field, reason: "is not a valid timestamp")
        }
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9)
    }
}

extension Double {
    fileprivate func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}

enum KeyMapping {
    /// The domain scope of a contract scope (the numbers are the same).
    static func scope(_ scope: KeyScope, field: String) throws(DomainError) -> Scope {
        guard scope != .unspecified else { throw .invalidArgument(field: field, reason: "KEY_SCOPE_UNSPECIFIED is not a scope") }
        guard let mapped = Scope(rawValue: Int16(clamping: scope.rawValue)) else {
            throw .invalidArgument(field: field, reason: "\(scope.rawValue) is not a KeyScope")
        }
        return mapped
    }

    static func scopes(_ scopes: [KeyScope], field: String = "scopes") throws(DomainError) -> Set<Scope> {
        var result = Set<Scope>()
        for scope in scopes {
            let mapped = try self.scope(scope, field: field)
            guard result.insert(mapped).inserted else {
                throw .invalidArgument(field: field, reason: "\(mapped.name) is listed twice")
            }
        }
        return result
    }

    static func keyScope(_ scope: Scope) -> KeyScope { KeyScope(rawValue: Int32(scope.rawValue)) }

    static func limits(_ limits: RelayAPI.RateLimits?) -> RelayDomain.RateLimits {
        guard let limits else { return RelayDomain.RateLimits() }
        return RelayDomain.RateLimits(
            perSecond: limits.perSecond.map(Int64.init), perMinute: limits.perMinute.map(Int64.init),
            perHour: limits.perHour, perDay: limits.perDay)
    }

    static func message(_ limits: RelayDomain.RateLimits) -> RelayAPI.RateLimits? {
        guard limits != RelayDomain.RateLimits() else { return nil }
        var message = RelayAPI.RateLimits()
        message.perSecond = limits.perSecond.map { UInt32(clamping: $0) }
        message.perMinute = limits.perMinute.map { UInt32(clamping: $0) }
        message.perHour = limits.perHour
        message.perDay = limits.perDay
        return message
    }

    static func message(_ key: APIKey, now: Date = Date()) -> ApiKey {
        var message = ApiKey()
        message.keyID = key.id.description
        message.name = key.name
        message.prefix = key.prefix
        message.scopes = key.scopes.sorted().map(keyScope)
        message.state =
            switch key.state(at: now) {
            case .active: .active
            case .expired: .expired
            case .revoked: .revoked
            }
        message.createTime = Timestamp(key.createdAt)
        message.updateTime = key.updatedAt.map(Timestamp.init)
        message.expireTime = key.expiresAt.map(Timestamp.init)
        message.lastUsedTime = key.lastUsedAt.map(Timestamp.init)
        message.revokeTime = key.revokedAt.map(Timestamp.init)
        message.createdBy = key.createdBy?.description ?? "bootstrap"
        message.rateLimits = Self.message(key.rateLimits)
        message.previousSecretExpireTime = key.previousSecretExpiresAt.flatMap { $0 > now ? Timestamp($0) : nil }
        return message
    }

    static func keyID(_ text: String, field: String = "key_id") throws(DomainError) -> APIKeyID {
        guard !text.isEmpty else { throw .invalidArgument(field: field, reason: "is required") }
        guard let id = APIKeyID(text: text) else {
            throw .invalidArgument(field: field, reason: "\"\(text.prefix(64))\" is not a key id (key_ and 32 hex digits)")
        }
        return id
    }
}
