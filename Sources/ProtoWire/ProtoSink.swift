/// Where an encoding goes. Messages encode against this protocol once; ``SizeCounter`` runs the
/// encoding to learn its exact size, ``ProtoWriter`` then writes the bytes into a buffer of that size.
public protocol ProtoSink {
    /// Appends a varint.
    mutating func writeVarint(_ value: UInt64)
    /// Appends four little-endian bytes.
    mutating func writeFixed32(_ value: UInt32)
    /// Appends eight little-endian bytes.
    mutating func writeFixed64(_ value: UInt64)
    /// Appends raw bytes.
    mutating func writeRaw(_ bytes: [UInt8])
    /// Appends raw bytes.
    mutating func writeRaw(_ bytes: ArraySlice<UInt8>)
    /// Appends a string's UTF-8 bytes.
    mutating func writeUTF8(_ string: String)
    /// Appends a message's length and then its fields.
    mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: M)
    /// Appends a message whose encoded size the caller has already computed.
    mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: M, knownSize: Int)
}

/// A sink that only counts bytes.
public struct SizeCounter: ProtoSink {
    /// The bytes counted so far.
    public var size = 0

    /// Creates a counter at zero.
    @inlinable public init() {}

    @inlinable public mutating func writeVarint(_ value: UInt64) { size += Wire.varintSize(value) }
    @inlinable public mutating func writeFixed32(_ value: UInt32) { size += 4 }
    @inlinable public mutating func writeFixed64(_ value: UInt64) { size += 8 }
    @inlinable public mutating func writeRaw(_ bytes: [UInt8]) { size += bytes.count }
    @inlinable public mutating func writeRaw(_ bytes: ArraySlice<UInt8>) { size += bytes.count }
    @inlinable public mutating func writeUTF8(_ string: String) { size += string.utf8.count }
    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: M) {
        let inner = message.serializedSize
        size += Wire.varintSize(UInt64(inner)) + inner
    }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: M, knownSize: Int) {
        size += Wire.varintSize(UInt64(knownSize)) + knownSize
    }
}

/// A sink that appends the encoding to a byte array reserved at the exact size.
public struct ProtoWriter: ProtoSink {
    @usableFromInline var storage: [UInt8]

    /// The bytes written so far.
    @inlinable public var bytes: [UInt8] { storage }

    /// Creates a writer whose buffer holds `capacity` bytes without growing.
    @inlinable
    public init(capacity: Int) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            storage.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        storage.append(UInt8(truncatingIfNeeded: v))
    }

    @inlinable
    public mutating func writeFixed32(_ value: UInt32) {
        for i in 0..<4 { storage.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(i)))) }
    }

    @inlinable
    public mutating func writeFixed64(_ value: UInt64) {
        for i in 0..<8 { storage.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    @inlinable public mutating func writeRaw(_ raw: [UInt8]) { storage.append(contentsOf: raw) }
    @inlinable public mutating func writeRaw(_ raw: ArraySlice<UInt8>) { storage.append(contentsOf: raw) }
    @inlinable public mutating func writeUTF8(_ string: String) { storage.append(contentsOf: string.utf8) }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: M) {
        writeVarint(UInt64(message.serializedSize))
        message.encode(to: &self)
    }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: M, knownSize: Int) {
        writeVarint(UInt64(knownSize))
        message.encode(to: &self)
    }
}
