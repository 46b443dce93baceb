public import Foundation

/// An organization (tenant): every row of tenant data belongs to one.
public struct OrganizationID: Hashable, Sendable, CustomStringConvertible {
    /// The database id.
    public let uuid: UUID
    /// Wraps a database id.
    public init(_ uuid: UUID) { self.uuid = uuid }
    /// `org_` and 32 hex digits.
    public var description: String { PrefixedID.format("org", uuid) }
    /// Parses `org_…`; nil for anything else.
    public init?(text: String) {
        guard let uuid = PrefixedID.parse("org", text) else { return nil }
        self.uuid = uuid
    }
}

/// An API key's id: public, not a secret.
public struct APIKeyID: Hashable, Sendable, CustomStringConvertible {
    /// The database id.
    public let uuid: UUID
    /// Wraps a database id.
    public init(_ uuid: UUID) { self.uuid = uuid }
    /// `key_` and 32 hex digits, as the contract's `key_id`.
    public var description: String { PrefixedID.format("key", uuid) }
    /// Parses `key_…`; nil for anything else.
    public init?(text: String) {
        guard let uuid = PrefixedID.parse("key", text) else { return nil }
        self.uuid = uuid
    }
}

/// The contract's resource ids: a type prefix, `_`, and the UUID's 32 lower-case hex digits.
enum PrefixedID {
    static func format(_ prefix: String, _ uuid: UUID) -> String {
        prefix + "_" + uuid.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    static func parse(_ prefix: String, _ text: String) -> UUID? {
        guard text.hasPrefix(prefix + "_") else { return nil }
        let hex = text.dropFirst(prefix.count + 1)
        guard hex.count == 32, hex.allSatisfy({ $0.isHexDigit && ($0.isNumber || $0.isLowercase) }) else { return nil }
        let h = Array(hex)
        let dashed = String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
        return UUID(uuidString: dashed)
    }
}
