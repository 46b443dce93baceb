/// The six wire types of the protobuf binary format (the low three bits of every tag).
public enum WireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// A decoded field key: the field number and the wire type its value was written with.
public struct FieldTag: Sendable, Equatable {
    /// The field number, 1 ... 2^29 - 1.
    public let number: Int
    /// How the value that follows the key is encoded.
    public let wireType: WireType

    /// Creates a tag for `number` written with `wireType`.
    public init(number: Int, wireType: WireType) {
        self.number = number
        self.wireType = wireType
    }

    /// The tag as it is written on the wire: `(number << 3) | wireType`.
    @inlinable public var key: UInt64 { UInt64(number) << 3 | UInt64(wireType.rawValue) }

    /// The largest field number protobuf allows.
    public static let maxFieldNumber = (1 << 29) - 1
}

/// Size arithmetic and integer mappings of the wire format.
public enum Wire {
    /// The number of bytes `value` takes as a varint (1 ... 10).
    @inlinable
    public static func varintSize(_ value: UInt64) -> Int {
        // Each byte carries 7 bits; a zero still takes one byte.
        let bits = 64 - value.leadingZeroBitCount
        return bits == 0 ? 1 : (bits + 6) / 7
    }

    /// The size of a tag for `field` (any wire type: the type does not change the size).
    @inlinable
    public static func tagSize(_ field: Int) -> Int { varintSize(UInt64(field) << 3) }

    /// ZigZag-encodes a signed 32-bit value (sint32): small magnitudes become small varints.
    @inlinable
    public static func zigZag(_ v: Int32) -> UInt32 { UInt32(bitPattern: (v << 1) ^ (v >> 31)) }

    /// ZigZag-encodes a signed 64-bit value (sint64).
    @inlinable
    public static func zigZag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

    /// Reverses ``zigZag(_:)-(Int32)``.
    @inlinable
    public static func unZigZag(_ v: UInt32) -> Int32 { Int32(bitPattern: (v >> 1) ^ (0 &- (v & 1))) }

    /// Reverses ``zigZag(_:)-(Int64)``.
    @inlinable
    public static func unZigZag(_ v: UInt64) -> Int64 { Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))) }
}
