/// Reads the protobuf binary format from a byte array, one field at a time.
///
/// Every read is bounds-checked and every malformed input is reported as a
/// ``ProtoDecodingError``; nested messages are read in place (no copies) under a depth budget.
public struct ProtoReader: Sendable {
    @usableFromInline let bytes: [UInt8]
    @usableFromInline var index: Int
    /// The end of the message being decoded (exclusive).
    @usableFromInline var limit: Int
    /// Where the tag of the field being decoded starts (kept for unknown fields).
    @usableFromInline var fieldStart: Int
    @usableFromInline var depthLeft: Int
    @usableFromInline let maxDepth: Int

    /// Creates a reader over `bytes`, refusing input larger than the options allow.
    public init(bytes: [UInt8], options: DecodingOptions = DecodingOptions()) throws(ProtoDecodingError) {
        guard bytes.count <= options.maxMessageSize else {
            throw .messageTooLarge(size: bytes.count, limit: options.maxMessageSize)
        }
        self.bytes = bytes
        self.index = 0
        self.limit = bytes.count
        self.fieldStart = 0
        self.depthLeft = options.maxDepth
        self.maxDepth = options.maxDepth
    }

    /// Whether the current message has no more bytes.
    @inlinable public var isAtEnd: Bool { index >= limit }

    /// Reads the next field's tag, or returns nil at the end of the current message.
    @inlinable
    public mutating func nextTag() throws(ProtoDecodingError) -> FieldTag? {
        guard index < limit else { return nil }
        fieldStart = index
        let key = try readVarint()
        let number = key >> 3
        guard number >= 1, number <= UInt64(FieldTag.maxFieldNumber) else { throw .invalidFieldNumber(number) }
        let rawType = UInt8(truncatingIfNeeded: key & 7)
        guard let wireType = WireType(rawValue: rawType) else { throw .invalidWireType(rawType) }
        if wireType == .endGroup { throw .unbalancedGroup(field: Int(number)) }
        return FieldTag(number: Int(number), wireType: wireType)
    }

    /// Reads a base-128 varint of at most 10 bytes.
    @inlinable
    public mutating func readVarint() throws(ProtoDecodingError) -> UInt64 {
        // One-byte varints (most tags and short lengths) inline; longer ones out of line.
        if index < limit {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                return UInt64(byte)
            }
        }
        return try readMultiByteVarint()
    }

    @inlinable
    mutating func readMultiByteVarint() throws(ProtoDecodingError) -> UInt64 {
        guard index < limit else { throw .truncated }
        var byte = bytes[index]
        index += 1
        if byte < 0x80 { return UInt64(byte) }
        var result = UInt64(byte & 0x7F)
        var shift: UInt64 = 7
        while true {
            guard index < limit else { throw .truncated }
            byte = bytes[index]
            index += 1
            if shift == 63 {
                // The tenth byte may carry only the top bit; a continuation means the varint is over-long.
                guard byte < 0x80 else { throw .malformedVarint }
                return result | (UInt64(byte & 1) << 63)
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// Reads four little-endian bytes.
    @inlinable
    public mutating func readFixed32() throws(ProtoDecodingError) -> UInt32 {
        guard limit - index >= 4 else { throw .truncated }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[index + i]) << (8 * UInt32(i)) }
        index += 4
        return v
    }

    /// Reads eight little-endian bytes.
    @inlinable
    public mutating func readFixed64() throws(ProtoDecodingError) -> UInt64 {
        guard limit - index >= 8 else { throw .truncated }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[index + i]) << (8 * UInt64(i)) }
        index += 8
        return v
    }

    /// Reads a length prefix and returns the range of the bytes it covers, advancing past them.
    @inlinable
    public mutating func readLengthDelimited(field: Int) throws(ProtoDecodingError) -> Range<Int> {
        let length = try readVarint()
        guard length <= UInt64(limit - index) else { throw .lengthOutOfBounds(field: field, length: length) }
        let start = index
        index += Int(length)
        return start..<index
    }

    /// Throws ``ProtoDecodingError/wrongWireType(field:found:)`` unless `tag` has `expected`.
    @inlinable
    public func expect(_ tag: FieldTag, _ expected: WireType) throws(ProtoDecodingError) {
        guard tag.wireType == expected else { throw .wrongWireType(field: tag.number, found: tag.wireType) }
    }

    /// Decodes the message that `tag` introduces into `message`, merging with what it holds.
    @inlinable
    public mutating func readMessage<M: ProtoMessage>(_ tag: FieldTag, into message: inout M) throws(ProtoDecodingError) {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimited(field: tag.number)
        guard depthLeft > 0 else { throw .nestingTooDeep(limit: maxDepth) }
        let savedLimit = limit
        index = range.lowerBound
        limit = range.upperBound
        depthLeft -= 1
        try message.decodeBody(from: &self)
        depthLeft += 1
        limit = savedLimit
    }

    /// Skips the value of a field the message does not know, keeping its bytes in `unknown`.
    @inlinable
    public mutating func skip(_ tag: FieldTag, into unknown: inout UnknownFields) throws(ProtoDecodingError) {
        let start = fieldStart
        try skipValue(tag)
        unknown.append(bytes[start..<index])
    }

    /// Skips the value of `tag`, including whole groups.
    @usableFromInline
    mutating func skipValue(_ tag: FieldTag) throws(ProtoDecodingError) {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLengthDelimited(field: tag.number)
        case .startGroup: try skipGroup(tag.number)
        case .endGroup: throw .unbalancedGroup(field: tag.number)
        }
    }

    @usableFromInline
    mutating func skipGroup(_ number: Int) throws(ProtoDecodingError) {
        guard depthLeft > 0 else { throw .nestingTooDeep(limit: maxDepth) }
        depthLeft -= 1
        defer { depthLeft += 1 }
        while true {
            guard index < limit else { throw .unbalancedGroup(field: number) }
            let key = try readVarint()
            let fieldNumber = key >> 3
            guard fieldNumber >= 1, fieldNumber <= UInt64(FieldTag.maxFieldNumber) else {
                throw .invalidFieldNumber(fieldNumber)
            }
            let rawType = UInt8(truncatingIfNeeded: key & 7)
            guard let wireType = WireType(rawValue: rawType) else { throw .invalidWireType(rawType) }
            if wireType == .endGroup {
                guard fieldNumber == UInt64(number) else { throw .unbalancedGroup(field: Int(fieldNumber)) }
                return
            }
            try skipValue(FieldTag(number: Int(fieldNumber), wireType: wireType))
        }
    }

    /// The bytes in `range` as a string, validated as UTF-8 (on a span: no generic code, one copy).
    @inlinable
    public func string(in range: Range<Int>, field: Int) throws(ProtoDecodingError) -> String {
        do {
            return String(copying: try UTF8Span(validating: bytes.span.extracting(range)))
        } catch {
            throw .invalidUTF8(field: field)
        }
    }

    /// The bytes in `range` as an array.
    @inlinable
    public func slice(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }
}
