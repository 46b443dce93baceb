public import Foundation

/// A Swift value that can be sent as a bind parameter, in PostgreSQL's binary format.
public protocol PostgresEncodable: Sendable {
    /// The type the server is told the parameter has.
    static var postgresType: PostgresType { get }
    /// Appends the value's binary representation.
    func encode(into buffer: inout [UInt8])
}

/// A Swift value that can be read from a result column in PostgreSQL's binary format.
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL value of type `type`.
    init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure)
    /// The value for SQL NULL; non-optional types refuse it.
    static func postgresNull(type: PostgresType) throws(PostgresDecodingFailure) -> Self
}

extension PostgresDecodable {
    public static func postgresNull(type: PostgresType) throws(PostgresDecodingFailure) -> Self {
        throw PostgresDecodingFailure("is NULL, but \(Self.self) is not optional")
    }
}

/// Why a column's bytes do not decode to the type asked for. The row decoder adds the column.
public struct PostgresDecodingFailure: Error, Sendable {
    /// What went wrong, such as "is text, not int8".
    public let reason: String
    /// Creates a failure with a reason.
    public init(_ reason: String) { self.reason = reason }

    static func type(_ actual: PostgresType, for swiftType: Any.Type) -> PostgresDecodingFailure {
        PostgresDecodingFailure("has type \(actual), which does not decode to \(swiftType)")
    }

    static func length(_ count: Int, of type: PostgresType) -> PostgresDecodingFailure {
        PostgresDecodingFailure("holds \(count) bytes, not a valid \(type)")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        self = .some(try Wrapped(postgresBytes: bytes, type: type))
    }

    public static func postgresNull(type: PostgresType) throws(PostgresDecodingFailure) -> Wrapped? { nil }
}

// MARK: - Big-endian integers

extension FixedWidthInteger {
    @inline(__always)
    func appendBigEndian(to buffer: inout [UInt8]) {
        var value = self.bigEndian
        withUnsafeBytes(of: &value) { buffer.append(contentsOf: $0) }
    }

    @inline(__always)
    static func readBigEndian(_ bytes: ArraySlice<UInt8>) -> Self {
        var value: Self = 0
        for byte in bytes { value = value << 8 | Self(truncatingIfNeeded: byte) }
        return value
    }
}

// MARK: - Scalars

extension Bool: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .bool }
    public func encode(into buffer: inout [UInt8]) { buffer.append(self ? 1 : 0) }
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        guard type == .bool else { throw .type(type, for: Bool.self) }
        guard bytes.count == 1 else { throw .length(bytes.count, of: type) }
        self = bytes.first! != 0
    }
}

/// Decodes any of int2, int4 and int8 into `T`, refusing values that do not fit.
private func decodeInteger<T: FixedWidthInteger>(
    _ bytes: ArraySlice<UInt8>, _ type: PostgresType, as _: T.Type
) throws(PostgresDecodingFailure) -> T {
    let wide: Int64
    switch type {
    case .int2:
        guard bytes.count == 2 else { throw .length(bytes.count, of: type) }
        wide = Int64(Int16.readBigEndian(bytes))
    case .int4:
        guard bytes.count == 4 else { throw .length(bytes.count, of: type) }
        wide = Int64(Int32.readBigEndian(bytes))
    case .int8:
        guard bytes.count == 8 else { throw .length(bytes.count, of: type) }
        wide = Int64.readBigEndian(bytes)
    default:
        throw .type(type, for: T.self)
    }
    guard let value = T(exactly: wide) else { throw PostgresDecodingFailure("value \(wide) does not fit in \(T.self)") }
    return value
}

extension Int16: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int2 }
    public func encode(into buffer: inout [UInt8]) { appendBigEndian(to: &buffer) }
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        self = try decodeInteger(bytes, type, as: Int16.self)
    }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int4 }
    public func encode(into buffer: inout [UInt8]) { appendBigEndian(to: &buffer) }
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        self = try decodeInteger(bytes, type, as: Int32.self)
    }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int8 }
    public func encode(into buffer: inout [UInt8]) { appendBigEndian(to: &buffer) }
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        self = try decodeInteger(bytes, type, as: Int64.self)
    }
}

extension Int: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int8 }
    public func encode(into buffer: inout [UInt8]) { Int64(self).appendBigEndian(to: &buffer) }
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        self = try decodeInteger(bytes, type, as: Int.self)
    }
}

/// xid8 (a transaction id, as in an event's commit-order cursor) and int8 values that are never negative.
extension UInt64: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .xid8 }
    public func encode(into buffer: inout [UInt8]) { appendBigEndian(to: &buffer) }
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        guard type == .xid8 || type == .int8 else { throw .type(type, for: UInt64.self) }
        guard bytes.count == 8 else { throw .length(bytes.count, of: type) }
        let value = UInt64.readBigEndian(bytes)
        guard type == .xid8 || value <= UInt64(Int64.max) else {
            throw PostgresDecodingFailure("value \(Int64(bitPattern: value)) is negative")
        }
        self = value
    }
}

extension Double: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .float8 }
    public func encode(into buffer: inout [UInt8]) { bitPattern.appendBigEndian(to: &buffer) }
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        switch type {
        case .float8:
            guard bytes.count == 8 else { throw .length(bytes.count, of: type) }
            self = Double(bitPattern: UInt64.readBigEndian(bytes))
        case .float4:
            guard bytes.count == 4 else { throw .length(bytes.count, of: type) }
            self = Double(Float(bitPattern: UInt32.readBigEndian(bytes)))
        default:
            self = Double(try decodeInteger(bytes, type, as: Int64.self))
        }
    }
}

extension String: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .text }
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: utf8) }
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        switch type {
        case .text, .varchar, .bpchar, .name, .unknown, .json, .char:
            self = String(decoding: bytes, as: UTF8.self)
        case .jsonb:
            guard bytes.first == 1 else { throw PostgresDecodingFailure("is jsonb of an unknown version") }
            self = String(decoding: bytes.dropFirst(), as: UTF8.self)
        default:
            throw .type(type, for: String.self)
        }
    }
}

extension UUID: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .uuid }
    public func encode(into buffer: inout [UInt8]) {
        withUnsafeBytes(of: uuid) { buffer.append(contentsOf: $0) }
    }
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        guard type == .uuid else { throw .type(type, for: UUID.self) }
        guard bytes.count == 16 else { throw .length(bytes.count, of: type) }
        let b = Array(bytes)
        self = UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}

/// timestamptz: microseconds since 2000-01-01 00:00 UTC on the wire; `Date` keeps them exactly
/// for any date within a few thousand years of now. The server's `infinity` values decode to
/// `Date.distantFuture` / `Date.distantPast` and encode back to them.
extension Date: PostgresEncodable, PostgresDecodable {
    /// 2000-01-01 00:00:00 UTC in Foundation's reference time (seconds since 2001-01-01).
    static let postgresEpoch: TimeInterval = -31_622_400

    public static var postgresType: PostgresType { .timestamptz }

    public func encode(into buffer: inout [UInt8]) {
        let micros: Int64
        if self == .distantFuture {
            micros = .max
        } else if self == .distantPast {
            micros = .min
        } else {
            micros = Int64(((timeIntervalSinceReferenceDate - Self.postgresEpoch) * 1_000_000).rounded())
        }
        micros.appendBigEndian(to: &buffer)
    }

    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        guard type == .timestamptz || type == .timestamp else { throw .type(type, for: Date.self) }
        guard bytes.count == 8 else { throw .length(bytes.count, of: type) }
        let micros = Int64.readBigEndian(bytes)
        switch micros {
        case .max: self = .distantFuture
        case .min: self = .distantPast
        default:
            let seconds = micros.quotientAndRemainder(dividingBy: 1_000_000)
            self = Date(
                timeIntervalSinceReferenceDate: Self.postgresEpoch + Double(seconds.quotient) + Double(seconds.remainder) / 1_000_000)
        }
    }
}

/// A JSON document sent as `jsonb` (and read from `json` or `jsonb`), kept as its text.
public struct PostgresJSON: PostgresEncodable, PostgresDecodable, Hashable {
    /// The JSON text.
    public var text: String

    /// Wraps JSON text (the server checks that it is valid).
    public init(_ text: String) { self.text = text }

    public static var postgresType: PostgresType { .jsonb }
    public func encode(into buffer: inout [UInt8]) {
        buffer.append(1)
        buffer.append(contentsOf: text.utf8)
    }
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        guard type == .json || type == .jsonb else { throw .type(type, for: PostgresJSON.self) }
        text = try String(postgresBytes: bytes, type: type)
    }
}
