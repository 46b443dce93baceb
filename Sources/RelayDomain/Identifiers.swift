public import Foundation

/// A resource id of the contract: a UUID in the database, `PREFIX_` and 32 hex digits outside.
public protocol ResourceID: Hashable, Sendable, CustomStringConvertible {
    /// The type prefix, such as `org` or `msg`.
    static var prefix: String { get }
    /// The database id.
    var uuid: UUID { get }
    /// Wraps a database id.
    init(_ uuid: UUID)
}

extension ResourceID {
    /// The prefix, `_` and the UUID's 32 lower-case hex digits.
    public var description: String { PrefixedID.format(Self.prefix, uuid) }

    /// Parses `PREFIX_…`; nil for anything else.
    public init?(text: String) {
        guard let uuid = PrefixedID.parse(Self.prefix, text) else { return nil }
        self.init(uuid)
    }
}

/// An organization (tenant): every row of tenant data belongs to one.
public struct OrganizationID: ResourceID {
    public static let prefix = "org"
    public let uuid: UUID
    public init(_ uuid: UUID) { self.uuid = uuid }
}

/// An API key's id: public, not a secret.
public struct APIKeyID: ResourceID {
    public static let prefix = "key"
    public let uuid: UUID
    public init(_ uuid: UUID) { self.uuid = uuid }
}

/// A sending domain's id (`dom_…`).
public struct DomainID: ResourceID {
    public static let prefix = "dom"
    public let uuid: UUID
    public init(_ uuid: UUID) { self.uuid = uuid }
}

/// An accepted message's id (`msg_…`).
public struct MessageID: ResourceID {
    public static let prefix = "msg"
    public let uuid: UUID
    public init(_ uuid: UUID) { self.uuid = uuid }
}

/// The contract's resource ids: a type prefix, `_`, and the UUID's 32 lower-case hex digits.
enum PrefixedID {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func format(_ prefix: String, _ uuid: UUID) -> String {
        let u = uuid.uuid
        let bytes = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15]
        var text = Array(prefix.utf8)
        text.reserveCapacity(text.count + 33)
        text.append(UInt8(ascii: "_"))
        for byte in bytes {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
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
