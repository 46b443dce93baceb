/// Why bytes could not be decoded as a protobuf message. Decoding never traps on hostile input:
/// every malformed case below is reported instead.
public enum ProtoDecodingError: Error, Equatable, Sendable {
    /// The input ended in the middle of a tag or a value.
    case truncated
    /// A varint ran past 10 bytes, or a 32-bit field's varint did not fit the type.
    case malformedVarint
    /// A tag carried field number 0 or one above 2^29 - 1.
    case invalidFieldNumber(UInt64)
    /// A tag carried wire type 6 or 7, which do not exist.
    case invalidWireType(UInt8)
    /// A known field arrived with a wire type its declared type cannot have.
    case wrongWireType(field: Int, found: WireType)
    /// A length prefix points past the end of the enclosing message.
    case lengthOutOfBounds(field: Int, length: UInt64)
    /// A `string` field held bytes that are not valid UTF-8.
    case invalidUTF8(field: Int)
    /// Messages (or groups) were nested deeper than the decoder's limit.
    case nestingTooDeep(limit: Int)
    /// The input is larger than the decoder's configured size limit.
    case messageTooLarge(size: Int, limit: Int)
    /// An end-group tag arrived that matches no start-group tag, or a group was not closed.
    case unbalancedGroup(field: Int)
    /// A map entry was malformed (for example, its key was a message).
    case invalidMapEntry(field: Int)
}

extension ProtoDecodingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .truncated: "input ends inside a field"
        case .malformedVarint: "malformed varint"
        case .invalidFieldNumber(let n): "invalid field number \(n)"
        case .invalidWireType(let t): "invalid wire type \(t)"
        case .wrongWireType(let f, let t): "field \(f) has the wrong wire type (\(t))"
        case .lengthOutOfBounds(let f, let l): "field \(f) declares length \(l) past the end of its message"
        case .invalidUTF8(let f): "field \(f) is not valid UTF-8"
        case .nestingTooDeep(let limit): "messages nested deeper than \(limit)"
        case .messageTooLarge(let size, let limit): "message of \(size) bytes exceeds the limit of \(limit)"
        case .unbalancedGroup(let f): "unbalanced group for field \(f)"
        case .invalidMapEntry(let f): "malformed map entry in field \(f)"
        }
    }
}

/// Limits applied while decoding untrusted bytes.
public struct DecodingOptions: Sendable {
    /// The deepest nesting of messages accepted (the top-level message is depth 0).
    public var maxDepth: Int
    /// The largest input accepted, in bytes.
    public var maxMessageSize: Int

    /// Creates limits; the defaults are protobuf's usual 100 levels and gRPC's 4 MiB.
    public init(maxDepth: Int = 100, maxMessageSize: Int = 4 * 1024 * 1024) {
        self.maxDepth = maxDepth
        self.maxMessageSize = maxMessageSize
    }
}
