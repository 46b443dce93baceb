/// gRPC metadata: ordered key/value pairs sent as HTTP/2 headers or trailers. Keys are lower-case
/// ASCII; keys ending in `-bin` carry binary values, sent base64-encoded.
public struct Metadata: Sendable, Equatable, Sequence {
    /// One metadata value.
    public enum Value: Sendable, Equatable {
        /// A printable ASCII value.
        case string(String)
        /// A binary value (its key ends in `-bin`).
        case binary([UInt8])
    }

    private var entries: [(key: String, value: Value)] = []

    /// Creates empty metadata.
    public init() {}

    /// Creates metadata from string pairs (keys are lower-cased).
    public init(_ pairs: [(String, String)]) {
        for (k, v) in pairs { add(k, v) }
    }

    /// The number of entries.
    public var count: Int { entries.count }

    /// Adds a string value under `key`.
    public mutating func add(_ key: String, _ value: String) {
        entries.append((Self.normalized(key), .string(value)))
    }

    /// Adds a binary value under `key`, which must end in `-bin`.
    public mutating func add(_ key: String, binary value: [UInt8]) {
        precondition(key.hasSuffix("-bin"), "binary metadata keys end in -bin")
        entries.append((Self.normalized(key), .binary(value)))
    }

    /// Appends a value under `key` as it is.
    public mutating func append(_ key: String, _ value: Value) {
        entries.append((Self.normalized(key), value))
    }

    /// Removes every value of `key`.
    public mutating func removeAll(_ key: String) {
        let k = Self.normalized(key)
        entries.removeAll { $0.key == k }
    }

    /// The first string value of `key`.
    public func first(_ key: String) -> String? {
        let k = Self.normalized(key)
        for entry in entries where entry.key == k {
            if case .string(let s) = entry.value { return s }
        }
        return nil
    }

    /// Every value of `key`, in order.
    public func values(_ key: String) -> [Value] {
        let k = Self.normalized(key)
        return entries.filter { $0.key == k }.map(\.value)
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        entries.makeIterator()
    }

    public static func == (lhs: Metadata, rhs: Metadata) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    /// `key` in lower case; as it is (no copy) when it has no upper-case ASCII letter, as HTTP/2
    /// header names never do.
    static func normalized(_ key: String) -> String {
        key.utf8.contains { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 >= 0x80 } ? key.lowercased() : key
    }

    /// Whether `key` is reserved by gRPC or HTTP/2 and may not be set by applications.
    public static func isReserved(_ key: String) -> Bool {
        key.hasPrefix(":") || key.hasPrefix("grpc-")
            || ["content-type", "te", "user-agent", "content-length", "connection", "host",
                "transfer-encoding", "upgrade", "keep-alive", "proxy-connection"].contains(key)
    }

    /// Whether `key` is a valid metadata key: non-empty, of `0-9 a-z _ - .`.
    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { c in
            (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
                || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
        }
    }
}
