/// Where an encoding goes. Messages encode against this protocol once; ``SizeCounter`` runs the
/// encoding to learn its exact size, ``ProtoWriter`` then writes the bytes into a buffer of that size.
///
/// Nested length-delimited records (messages, map entries) are sized once: the counter records
/// each record's size in the order it meets them, and the writer, which meets them in the same
/// order, reads the sizes back. Encoding is therefore linear in the message size at any depth.
public protocol ProtoSink {
    /// Whether this sink only counts (so the order of map entries does not matter to it).
    static var countsOnly: Bool { get }
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
    /// Appends a length-delimited record: the size of what `body` writes, then what it writes.
    mutating func writeLengthDelimited(_ body: (inout Self) -> Void)
    /// Appends a message's length and then its fields (like ``writeLengthDelimited(_:)``, without
    /// a closure: capturing the message would copy it, a retain and release per reference it holds).
    mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: M)
}

/// A sink that only counts bytes, recording the size of every nested record for ``ProtoWriter``.
public struct SizeCounter: ProtoSink {
    /// The bytes counted so far.
    public var size = 0
    /// The sizes of the nested records met so far, in encoding order.
    public var nestedSizes: [Int] = []

    /// Creates a counter at zero.
    @inlinable public init() {}

    public static var countsOnly: Bool { true }
    @inlinable public mutating func writeVarint(_ value: UInt64) { size += Wire.varintSize(value) }
    @inlinable public mutating func writeFixed32(_ value: UInt32) { size += 4 }
    @inlinable public mutating func writeFixed64(_ value: UInt64) { size += 8 }
    @inlinable public mutating func writeRaw(_ bytes: [UInt8]) { size += bytes.count }
    @inlinable public mutating func writeRaw(_ bytes: ArraySlice<UInt8>) { size += bytes.count }
    @inlinable public mutating func writeUTF8(_ string: String) { size += string.utf8.count }

    @inlinable
    public mutating func writeLengthDelimited(_ body: (inout SizeCounter) -> Void) {
        let slot = nestedSizes.count
        nestedSizes.append(0)
        let before = size
        body(&self)
        let inner = size - before
        nestedSizes[slot] = inner
        size += Wire.varintSize(UInt64(inner))
    }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: M) {
        let slot = nestedSizes.count
        nestedSizes.append(0)
        let before = size
        message.encode(to: &self)
        let inner = size - before
        nestedSizes[slot] = inner
        size += Wire.varintSize(UInt64(inner))
    }
}

/// A sink that appends the encoding to a byte array reserved at the exact size.
public struct ProtoWriter: ProtoSink {
    @usableFromInline var storage: [UInt8]
    @usableFromInline let nestedSizes: [Int]
    @usableFromInline var nextNested = 0

    /// The bytes written so far.
    @inlinable public var bytes: [UInt8] { storage }

    /// Creates a writer for an encoding that a ``SizeCounter`` has measured.
    @inlinable
    public init(measuredBy counter: SizeCounter) {
        storage = []
        storage.reserveCapacity(counter.size)
        nestedSizes = counter.nestedSizes
    }

    /// Creates a writer for encodings without nested records (scalars only).
    @inlinable
    public init(capacity: Int) {
        storage = []
        storage.reserveCapacity(capacity)
        nestedSizes = []
    }

    public static var countsOnly: Bool { false }

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
    public mutating func writeLengthDelimited(_ body: (inout ProtoWriter) -> Void) {
        writeVarint(UInt64(takeNestedSize()))
        body(&self)
    }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: M) {
        writeVarint(UInt64(takeNestedSize()))
        message.encode(to: &self)
    }

    @inlinable
    mutating func takeNestedSize() -> Int {
        precondition(nextNested < nestedSizes.count, "encode(to:) wrote a record the size pass did not see")
        let inner = nestedSizes[nextNested]
        nextNested += 1
        return inner
    }
}
