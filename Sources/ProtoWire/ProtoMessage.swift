/// A protobuf message with a hand-written codec.
///
/// A conforming type lists its fields twice, both in field-number order so they read against the
/// `.proto` at a glance: ``encode(to:)`` writes each set field with the sink's method named after
/// the field's protobuf type, and ``decodeField(_:from:)`` switches on the field number.
public protocol ProtoMessage: Sendable, Equatable {
    /// The message's full protobuf name, such as `relay.v1.SendEmailRequest`.
    static var protoMessageName: String { get }
    /// The message with every field at its default.
    init()
    /// Fields read from the wire that this message does not know; they are written back as read.
    var unknownFields: UnknownFields { get set }
    /// Writes every set field in field-number order, then ``unknownFields``.
    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S)
    /// Decodes the value of one field; unknown field numbers go to ``unknownFields``.
    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError)
}

extension ProtoMessage {
    /// Decodes fields until the end of the reader's current message.
    @inlinable
    public mutating func decodeBody(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            try decodeField(tag, from: &reader)
        }
    }

    /// Decodes a message from its binary form.
    @inlinable
    public init(serializedBytes bytes: [UInt8], options: DecodingOptions = DecodingOptions()) throws(ProtoDecodingError) {
        self.init()
        var reader = try ProtoReader(bytes: bytes, options: options)
        try decodeBody(from: &reader)
    }

    /// Merges the fields of `bytes` into this message, as protobuf's `MergeFrom` does.
    @inlinable
    public mutating func merge(serializedBytes bytes: [UInt8], options: DecodingOptions = DecodingOptions()) throws(ProtoDecodingError) {
        var reader = try ProtoReader(bytes: bytes, options: options)
        try decodeBody(from: &reader)
    }

    /// The exact number of bytes ``serializedBytes()`` produces.
    @inlinable
    public var serializedSize: Int { SizeCounter.size(of: self) }

    /// Encodes the message: its exact size is computed first, then the bytes are written once
    /// into an array of that capacity, through its output span.
    @inlinable
    public func serializedBytes() -> [UInt8] {
        let size = serializedSize
        // `append(addingCapacity:)` on an empty array allocates exactly `size` bytes through
        // specialized code (`Array(capacity:initializingWith:)` looks the storage type up at run time).
        var bytes: [UInt8] = []
        bytes.append(addingCapacity: size) { output in encode(to: &output) }
        precondition(bytes.count == size, "encode(to:) wrote \(bytes.count) bytes, its size pass counted \(size)")
        return bytes
    }
}

/// A protobuf enum. Proto3 enums are open: values this code does not know are kept as raw numbers.
public protocol ProtoEnum: Sendable, Hashable {
    /// Creates the case for `rawValue`, or the case that keeps an unknown number.
    init(rawValue: Int32)
    /// The number written on the wire.
    var rawValue: Int32 { get }
}

/// The bytes of the fields a message did not recognise, kept in arrival order.
public struct UnknownFields: Sendable, Hashable {
    @usableFromInline var storage: [UInt8] = []

    /// The raw tags and values, exactly as read.
    @inlinable public var bytes: [UInt8] { storage }

    /// Creates an empty set.
    @inlinable public init() {}

    /// Whether no unknown field was read.
    @inlinable public var isEmpty: Bool { storage.isEmpty }

    /// Appends the raw bytes of one field (tag and value).
    @inlinable
    public mutating func append(_ field: ArraySlice<UInt8>) { storage.append(contentsOf: field) }
}
