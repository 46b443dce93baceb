public import Foundation

/// An element type of a PostgreSQL one-dimensional array (`text[]`, `int8[]`, `uuid[]`, …).
///
/// `[UInt8]` is the exception: a byte array is `bytea`, not an array of anything, which is why
/// arrays encode through their element type rather than through a conformance per array type.
public protocol PostgresArrayElement: Sendable {
    /// The type of an array of this element, such as `text[]` for `String`.
    static var arrayPostgresType: PostgresType { get }
    /// Appends the binary representation of `elements` as a value of ``arrayPostgresType``.
    static func encodeArray(_ elements: [Self], into buffer: inout [UInt8])
    /// Decodes a non-NULL array value.
    static func decodeArray(_ bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) -> [Self]
}

extension PostgresArrayElement where Self: PostgresEncodable & PostgresDecodable {
    /// The binary array format: dimensions, a has-NULL flag, the element OID, then per
    /// dimension its length and lower bound, then each element as a length and its bytes.
    public static func encodeArray(_ elements: [Self], into buffer: inout [UInt8]) {
        let dimensions: Int32 = elements.isEmpty ? 0 : 1
        dimensions.appendBigEndian(to: &buffer)
        Int32(0).appendBigEndian(to: &buffer)
        Self.postgresType.rawValue.appendBigEndian(to: &buffer)
        guard !elements.isEmpty else { return }
        Int32(elements.count).appendBigEndian(to: &buffer)
        Int32(1).appendBigEndian(to: &buffer)
        for element in elements {
            let lengthAt = buffer.count
            Int32(0).appendBigEndian(to: &buffer)
            element.encode(into: &buffer)
            let length = UInt32(buffer.count - lengthAt - 4)
            buffer[lengthAt] = UInt8(truncatingIfNeeded: length >> 24)
            buffer[lengthAt + 1] = UInt8(truncatingIfNeeded: length >> 16)
            buffer[lengthAt + 2] = UInt8(truncatingIfNeeded: length >> 8)
            buffer[lengthAt + 3] = UInt8(truncatingIfNeeded: length)
        }
    }

    public static func decodeArray(_ bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) -> [Self] {
        var reader = ArrayReader(bytes: bytes)
        let dimensions = try reader.int32()
        _ = try reader.int32()  // the has-NULL flag; a NULL element is refused below
        let elementType = PostgresType(rawValue: UInt32(bitPattern: try reader.int32()))
        if dimensions == 0 { return [] }
        guard dimensions == 1 else { throw PostgresDecodingFailure("is a \(dimensions)-dimensional array, not a list") }
        let count = Int(try reader.int32())
        _ = try reader.int32()  // lower bound
        guard count >= 0, count <= bytes.count / 4 else { throw PostgresDecodingFailure("claims \(count) elements") }
        var elements: [Self] = []
        elements.reserveCapacity(count)
        for index in 0..<count {
            let length = Int(try reader.int32())
            guard length >= 0 else { throw PostgresDecodingFailure("has NULL at index \(index), in an array of \(Self.self)") }
            let element = try reader.take(length)
            do {
                elements.append(try Self(postgresBytes: element, type: elementType))
            } catch {
                throw PostgresDecodingFailure("element \(index) \(error.reason)")
            }
        }
        return elements
    }
}

/// Reads the fields of a binary array value.
private struct ArrayReader {
    var bytes: ArraySlice<UInt8>

    mutating func int32() throws(PostgresDecodingFailure) -> Int32 {
        Int32.readBigEndian(try take(4))
    }

    mutating func take(_ count: Int) throws(PostgresDecodingFailure) -> ArraySlice<UInt8> {
        guard count <= bytes.count else { throw PostgresDecodingFailure("is a truncated array") }
        let taken = bytes.prefix(count)
        bytes = bytes.dropFirst(count)
        return taken
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresType { Element.arrayPostgresType }
    public func encode(into buffer: inout [UInt8]) { Element.encodeArray(self, into: &buffer) }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public init(postgresBytes bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) {
        self = try Element.decodeArray(bytes, type: type)
    }
}

/// `[UInt8]` is `bytea`.
extension UInt8: PostgresArrayElement {
    public static var arrayPostgresType: PostgresType { .bytea }
    public static func encodeArray(_ elements: [UInt8], into buffer: inout [UInt8]) { buffer.append(contentsOf: elements) }
    public static func decodeArray(_ bytes: ArraySlice<UInt8>, type: PostgresType) throws(PostgresDecodingFailure) -> [UInt8] {
        guard type == .bytea else { throw .type(type, for: [UInt8].self) }
        return Array(bytes)
    }
}

extension Bool: PostgresArrayElement { public static var arrayPostgresType: PostgresType { .boolArray } }
extension Int16: PostgresArrayElement { public static var arrayPostgresType: PostgresType { .int2Array } }
extension Int32: PostgresArrayElement { public static var arrayPostgresType: PostgresType { .int4Array } }
extension Int64: PostgresArrayElement { public static var arrayPostgresType: PostgresType { .int8Array } }
extension Int: PostgresArrayElement { public static var arrayPostgresType: PostgresType { .int8Array } }
extension Double: PostgresArrayElement { public static var arrayPostgresType: PostgresType { .float8Array } }
extension String: PostgresArrayElement { public static var arrayPostgresType: PostgresType { .textArray } }
extension UUID: PostgresArrayElement { public static var arrayPostgresType: PostgresType { .uuidArray } }
extension Date: PostgresArrayElement { public static var arrayPostgresType: PostgresType { .timestamptzArray } }
extension PostgresJSON: PostgresArrayElement { public static var arrayPostgresType: PostgresType { .jsonbArray } }
