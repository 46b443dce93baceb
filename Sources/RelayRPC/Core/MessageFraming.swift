/// One gRPC message as it travels in an HTTP/2 body: a compressed flag and the payload.
public struct GRPCFrame: Sendable, Equatable {
    /// Whether the payload is compressed with the call's `grpc-encoding`.
    public var compressed: Bool
    /// The message bytes (compressed or not, as the flag says).
    public var payload: [UInt8]

    /// Creates a frame.
    public init(compressed: Bool = false, payload: [UInt8]) {
        self.compressed = compressed
        self.payload = payload
    }

    /// The frame with its 5-byte prefix: the flag, then the payload length as a big-endian `UInt32`.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(5 + payload.count)
        Self.appendPrefix(compressed: compressed, length: payload.count, to: &out)
        out.append(contentsOf: payload)
        return out
    }

    /// Appends the 5-byte prefix of a message of `length` bytes.
    public static func appendPrefix(compressed: Bool, length: Int, to out: inout [UInt8]) {
        out.append(compressed ? 1 : 0)
        let n = UInt32(truncatingIfNeeded: length)
        out.append(UInt8(truncatingIfNeeded: n >> 24))
        out.append(UInt8(truncatingIfNeeded: n >> 16))
        out.append(UInt8(truncatingIfNeeded: n >> 8))
        out.append(UInt8(truncatingIfNeeded: n))
    }
}

/// Why a stream's body could not be split into gRPC messages.
public enum DeframingError: Error, Equatable, Sendable {
    /// A message declared a length above the receive limit (gRPC answers `RESOURCE_EXHAUSTED`).
    case messageTooLarge(length: Int, limit: Int)
    /// The flag byte was neither 0 nor 1.
    case invalidFlag(UInt8)
    /// The body ended inside a message.
    case truncated(buffered: Int)
}

/// Splits an HTTP/2 body, arriving in DATA frames of any size, into gRPC messages.
///
/// A message's declared length is checked against the limit as soon as its prefix arrives, before
/// any of its body is buffered, so an oversized message costs no memory.
public struct MessageDeframer: Sendable {
    /// The largest message accepted, in bytes.
    public let maxMessageSize: Int
    private var buffer: [UInt8] = []
    private var readIndex = 0

    /// Creates a deframer with a receive limit (gRPC's default is 4 MiB).
    public init(maxMessageSize: Int = 4 * 1024 * 1024) {
        self.maxMessageSize = maxMessageSize
    }

    /// Bytes received but not yet returned as messages.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Adds bytes of the body.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        if readIndex > 0, readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex > 4096, readIndex * 2 > buffer.count {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message, or nil until more bytes arrive.
    public mutating func next() throws(DeframingError) -> GRPCFrame? {
        guard buffer.count - readIndex >= 5 else { return nil }
        let flag = buffer[readIndex]
        guard flag <= 1 else { throw .invalidFlag(flag) }
        var length = 0
        for i in 1...4 { length = length << 8 | Int(buffer[readIndex + i]) }
        guard length <= maxMessageSize else { throw .messageTooLarge(length: length, limit: maxMessageSize) }
        guard buffer.count - readIndex - 5 >= length else { return nil }
        let start = readIndex + 5
        let payload = Array(buffer[start..<start + length])
        readIndex = start + length
        return GRPCFrame(compressed: flag == 1, payload: payload)
    }

    /// Call at the end of the body: throws if a message was cut short.
    public func finish() throws(DeframingError) {
        if bufferedByteCount > 0 { throw .truncated(buffered: bufferedByteCount) }
    }
}
