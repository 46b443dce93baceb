/// Where an encoding goes. Messages encode against this protocol once; ``SizeCounter`` runs the
/// encoding to learn its exact size, then the bytes are written into an `OutputSpan<UInt8>` of
/// exactly that capacity (``ProtoMessage/serializedBytes()``): each write is bounds-checked
/// against the span, with no per-append uniqueness or growth check.
///
/// A sink may be a span (`~Copyable`, `~Escapable`), so `encode(to:)` is generic over
/// `S: ProtoSink & ~Copyable & ~Escapable`.
///
/// Nested length-delimited records (messages, map entries) are prefixed with their size, which
/// the writer measures with a ``SizeCounter`` just before writing the record, as protobuf-c does:
/// a record at depth d is sized d times, so encoding work grows at most quadratically with depth
/// and linearly with the message size at a fixed depth.
public protocol ProtoSink: ~Copyable, ~Escapable {
    /// Whether this sink only counts (so the order of map entries does not matter to it).
    static var countsOnly: Bool { get }
    /// Appends a varint.
    mutating func writeVarint(_ value: UInt64)
    /// Appends four little-endian bytes.
    mutating func writeFixed32(_ value: UInt32)
    /// Appends eight little-endian bytes.
    mutating func writeFixed64(_ value: UInt64)
    /// Appends raw bytes.
    mutating func writeRaw(_ bytes: borrowing Span<UInt8>)
    /// Appends a string as a length-delimited value: its UTF-8 length, then its UTF-8 bytes.
    mutating func writeString(_ string: borrowing String)
    /// Appends bytes as a length-delimited value: their count, then the bytes.
    mutating func writeBytes(_ bytes: borrowing Span<UInt8>)
    /// Appends a message's length and then its fields.
    mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: borrowing M)
    /// Appends a message's length, `size`, which the caller has measured with a ``SizeCounter``,
    /// and then its fields (so that a counter does not run the message again).
    mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: borrowing M, size: Int)
}

/// A sink that only counts bytes.
public struct SizeCounter: ProtoSink {
    /// The bytes counted so far.
    public var size = 0

    /// Creates a counter at zero.
    @inlinable public init() {}

    @inlinable public static var countsOnly: Bool { true }
    @inlinable public mutating func writeVarint(_ value: UInt64) { size += Wire.varintSize(value) }
    @inlinable public mutating func writeFixed32(_ value: UInt32) { size += 4 }
    @inlinable public mutating func writeFixed64(_ value: UInt64) { size += 8 }
    @inlinable public mutating func writeRaw(_ bytes: borrowing Span<UInt8>) { size += bytes.count }
    @inlinable
    public mutating func writeString(_ string: borrowing String) {
        let count = string.utf8.count
        size += Wire.varintSize(UInt64(count)) + count
    }

    @inlinable
    public mutating func writeBytes(_ bytes: borrowing Span<UInt8>) {
        size += Wire.varintSize(UInt64(bytes.count)) + bytes.count
    }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: borrowing M) {
        let before = size
        message.encode(to: &self)
        size += Wire.varintSize(UInt64(size - before))
    }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: borrowing M, size measured: Int) {
        size += Wire.varintSize(UInt64(measured)) + measured
    }

    /// The encoded size of `message` without a length prefix.
    @inlinable
    public static func size<M: ProtoMessage>(of message: borrowing M) -> Int {
        var counter = SizeCounter()
        message.encode(to: &counter)
        return counter.size
    }
}

/// The writer behind ``ProtoMessage/serializedBytes()``: an output span of the exact size that a
/// ``SizeCounter`` measured (`[UInt8](capacity: size) { message.encode(to: &$0) }`).
extension OutputSpan: ProtoSink where Element == UInt8 {
    @inlinable public static var countsOnly: Bool { false }

    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        if value < 0x80 {
            append(UInt8(truncatingIfNeeded: value))
        } else {
            writeMultiByteVarint(value)
        }
    }

    @inlinable
    mutating func writeMultiByteVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80)
            v &>>= 7
        }
        append(UInt8(truncatingIfNeeded: v))
    }

    @inlinable
    public mutating func writeFixed32(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value &>> 8))
        append(UInt8(truncatingIfNeeded: value &>> 16))
        append(UInt8(truncatingIfNeeded: value &>> 24))
    }

    @inlinable
    public mutating func writeFixed64(_ value: UInt64) {
        writeFixed32(UInt32(truncatingIfNeeded: value))
        writeFixed32(UInt32(truncatingIfNeeded: value &>> 32))
    }

    @inlinable
    public mutating func writeRaw(_ bytes: borrowing Span<UInt8>) {
        // The compiler vectorizes this loop (one capacity check per block of bytes).
        for i in bytes.indices { append(bytes[i]) }
    }

    @inlinable
    public mutating func writeString(_ string: borrowing String) {
        writeBytes(string.utf8.span)
    }

    @inlinable
    public mutating func writeBytes(_ bytes: borrowing Span<UInt8>) {
        writeVarint(UInt64(bytes.count))
        writeRaw(bytes)
    }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: borrowing M) {
        writeLengthPrefixed(message, size: SizeCounter.size(of: message))
    }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: borrowing M, size: Int) {
        writeVarint(UInt64(size))
        message.encode(to: &self)
    }
}

/// A sink that appends to a growable byte array: for building bytes piece by piece (tests, tools).
/// Messages encode through ``ProtoMessage/serializedBytes()`` instead.
public struct ProtoWriter: ProtoSink {
    @usableFromInline var storage: [UInt8]

    /// The bytes written so far.
    @inlinable public var bytes: [UInt8] { storage }

    /// Creates a writer with room for `capacity` bytes.
    @inlinable
    public init(capacity: Int) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    @inlinable public static var countsOnly: Bool { false }

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

    @inlinable
    public mutating func writeRaw(_ raw: borrowing Span<UInt8>) {
        for i in raw.indices { storage.append(raw[i]) }
    }

    @inlinable
    public mutating func writeString(_ string: borrowing String) {
        writeVarint(UInt64(string.utf8.count))
        storage.append(contentsOf: string.utf8)
    }

    @inlinable
    public mutating func writeBytes(_ bytes: borrowing Span<UInt8>) {
        writeVarint(UInt64(bytes.count))
        writeRaw(bytes)
    }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: borrowing M) {
        writeLengthPrefixed(message, size: SizeCounter.size(of: message))
    }

    @inlinable
    public mutating func writeLengthPrefixed<M: ProtoMessage>(_ message: borrowing M, size: Int) {
        writeVarint(UInt64(size))
        message.encode(to: &self)
    }
}
