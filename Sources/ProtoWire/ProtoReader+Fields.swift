// The field-level decoding API, the mirror of ProtoSink+Fields.swift. Each method checks the wire
// type, reads the value and stores it: `into:` a plain value replaces it, an optional sets it, an
// array appends (accepting numeric types both packed and unpacked).

extension ProtoReader {
    /// The room a repeated field or map gets with its first element: one allocation for up to four
    /// elements, where growing from empty would take three.
    @inlinable static var firstRepeatedCapacity: Int { 4 }

    /// Reads one scalar value for `tag`.
    @inlinable
    public mutating func scalar<K: ProtoScalarKind>(_: K.Type, _ tag: FieldTag) throws(ProtoDecodingError) -> K.Value {
        try expect(tag, K.wireType)
        return try K.read(from: &self, field: tag.number)
    }

    /// Reads one element (or, for numeric types, a packed run of elements) and appends it.
    @inlinable
    public mutating func scalar<K: ProtoScalarKind>(_: K.Type, _ tag: FieldTag, appendingTo values: inout [K.Value]) throws(ProtoDecodingError) {
        if tag.wireType == .lengthDelimited && K.wireType != .lengthDelimited {
            let range = try readLengthDelimited(field: tag.number)
            let savedLimit = limit
            index = range.lowerBound
            limit = range.upperBound
            while index < limit { values.append(try K.read(from: &self, field: tag.number)) }
            limit = savedLimit
        } else {
            let value = try scalar(K.self, tag)
            if values.isEmpty { values.reserveCapacity(ProtoReader.firstRepeatedCapacity) }
            values.append(value)
        }
    }

    /// Reads a message field, merging into the message already there (or a new one).
    @inlinable
    public mutating func message<M: ProtoMessage>(_ tag: FieldTag, into value: inout M?) throws(ProtoDecodingError) {
        var message = value ?? M()
        try readMessage(tag, into: &message)
        value = message
    }

    /// Reads a message field, merging into `value`.
    @inlinable
    public mutating func message<M: ProtoMessage>(_ tag: FieldTag, into value: inout M) throws(ProtoDecodingError) {
        try readMessage(tag, into: &value)
    }

    /// Reads one element of a repeated message field and appends it.
    @inlinable
    public mutating func message<M: ProtoMessage>(_ tag: FieldTag, into values: inout [M]) throws(ProtoDecodingError) {
        var message = M()
        try readMessage(tag, into: &message)
        if values.isEmpty { values.reserveCapacity(ProtoReader.firstRepeatedCapacity) }
        values.append(message)
    }

    /// Reads one map entry into `map` (a later entry for the same key wins).
    @inlinable
    public mutating func map<K: ProtoMapKey, V: ProtoMapValue>(_ tag: FieldTag, into map: inout [K: V]) throws(ProtoDecodingError) {
        var key = K.Kind.defaultValue
        var value = V.Kind.defaultValue
        try mapEntry(tag) { (entryTag, reader) throws(ProtoDecodingError) in
            switch entryTag.number {
            case 1: key = try reader.mapField(K.Kind.self, entryTag, of: tag)
            case 2: value = try reader.mapField(V.Kind.self, entryTag, of: tag)
            default: try reader.skipValue(entryTag)
            }
        }
        if map.isEmpty { map.reserveCapacity(ProtoReader.firstRepeatedCapacity) }
        map[key] = value
    }

    /// Reads one map entry whose value is an enum.
    @inlinable
    public mutating func map<K: ProtoMapKey, E: ProtoEnum>(_ tag: FieldTag, into map: inout [K: E]) throws(ProtoDecodingError) {
        var key = K.Kind.defaultValue
        var value = E(rawValue: 0)
        try mapEntry(tag) { (entryTag, reader) throws(ProtoDecodingError) in
            switch entryTag.number {
            case 1: key = try reader.mapField(K.Kind.self, entryTag, of: tag)
            case 2: value = try reader.mapField(ScalarEnum<E>.self, entryTag, of: tag)
            default: try reader.skipValue(entryTag)
            }
        }
        if map.isEmpty { map.reserveCapacity(ProtoReader.firstRepeatedCapacity) }
        map[key] = value
    }

    /// Reads one map entry whose value is a message.
    @inlinable
    public mutating func map<K: ProtoMapKey, M: ProtoMessage>(_ tag: FieldTag, into map: inout [K: M]) throws(ProtoDecodingError) {
        var key = K.Kind.defaultValue
        var value = M()
        try mapEntry(tag) { (entryTag, reader) throws(ProtoDecodingError) in
            switch entryTag.number {
            case 1: key = try reader.mapField(K.Kind.self, entryTag, of: tag)
            case 2:
                guard entryTag.wireType == .lengthDelimited else { throw .invalidMapEntry(field: tag.number) }
                try reader.readMessage(entryTag, into: &value)
            default: try reader.skipValue(entryTag)
            }
        }
        if map.isEmpty { map.reserveCapacity(ProtoReader.firstRepeatedCapacity) }
        map[key] = value
    }

    /// Reads a map entry's key or value, reporting a wrong wire type as a malformed entry of `map`.
    @inlinable
    mutating func mapField<K: ProtoScalarKind>(_: K.Type, _ entryTag: FieldTag, of map: FieldTag) throws(ProtoDecodingError) -> K.Value {
        guard entryTag.wireType == K.wireType else { throw .invalidMapEntry(field: map.number) }
        return try K.read(from: &self, field: entryTag.number)
    }

    @inlinable
    mutating func mapEntry(
        _ tag: FieldTag, _ body: (FieldTag, inout ProtoReader) throws(ProtoDecodingError) -> Void
    ) throws(ProtoDecodingError) {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimited(field: tag.number)
        guard depthLeft > 0 else { throw .nestingTooDeep(limit: maxDepth) }
        let savedLimit = limit
        index = range.lowerBound
        limit = range.upperBound
        depthLeft -= 1
        while let entryTag = try nextTag() { try body(entryTag, &self) }
        depthLeft += 1
        limit = savedLimit
    }

    // MARK: Typed front ends, one per protobuf scalar type.

    @inlinable public mutating func int32(_ t: FieldTag) throws(ProtoDecodingError) -> Int32 { try scalar(ScalarInt32.self, t) }
    @inlinable public mutating func int32(_ t: FieldTag, into v: inout Int32) throws(ProtoDecodingError) { v = try scalar(ScalarInt32.self, t) }
    @inlinable public mutating func int32(_ t: FieldTag, into v: inout Int32?) throws(ProtoDecodingError) { v = try scalar(ScalarInt32.self, t) }
    @inlinable public mutating func int32(_ t: FieldTag, into v: inout [Int32]) throws(ProtoDecodingError) { try scalar(ScalarInt32.self, t, appendingTo: &v) }
    @inlinable public mutating func int64(_ t: FieldTag) throws(ProtoDecodingError) -> Int64 { try scalar(ScalarInt64.self, t) }
    @inlinable public mutating func int64(_ t: FieldTag, into v: inout Int64) throws(ProtoDecodingError) { v = try scalar(ScalarInt64.self, t) }
    @inlinable public mutating func int64(_ t: FieldTag, into v: inout Int64?) throws(ProtoDecodingError) { v = try scalar(ScalarInt64.self, t) }
    @inlinable public mutating func int64(_ t: FieldTag, into v: inout [Int64]) throws(ProtoDecodingError) { try scalar(ScalarInt64.self, t, appendingTo: &v) }
    @inlinable public mutating func uint32(_ t: FieldTag) throws(ProtoDecodingError) -> UInt32 { try scalar(ScalarUInt32.self, t) }
    @inlinable public mutating func uint32(_ t: FieldTag, into v: inout UInt32) throws(ProtoDecodingError) { v = try scalar(ScalarUInt32.self, t) }
    @inlinable public mutating func uint32(_ t: FieldTag, into v: inout UInt32?) throws(ProtoDecodingError) { v = try scalar(ScalarUInt32.self, t) }
    @inlinable public mutating func uint32(_ t: FieldTag, into v: inout [UInt32]) throws(ProtoDecodingError) { try scalar(ScalarUInt32.self, t, appendingTo: &v) }
    @inlinable public mutating func uint64(_ t: FieldTag) throws(ProtoDecodingError) -> UInt64 { try scalar(ScalarUInt64.self, t) }
    @inlinable public mutating func uint64(_ t: FieldTag, into v: inout UInt64) throws(ProtoDecodingError) { v = try scalar(ScalarUInt64.self, t) }
    @inlinable public mutating func uint64(_ t: FieldTag, into v: inout UInt64?) throws(ProtoDecodingError) { v = try scalar(ScalarUInt64.self, t) }
    @inlinable public mutating func uint64(_ t: FieldTag, into v: inout [UInt64]) throws(ProtoDecodingError) { try scalar(ScalarUInt64.self, t, appendingTo: &v) }
    @inlinable public mutating func sint32(_ t: FieldTag) throws(ProtoDecodingError) -> Int32 { try scalar(ScalarSInt32.self, t) }
    @inlinable public mutating func sint32(_ t: FieldTag, into v: inout Int32) throws(ProtoDecodingError) { v = try scalar(ScalarSInt32.self, t) }
    @inlinable public mutating func sint32(_ t: FieldTag, into v: inout Int32?) throws(ProtoDecodingError) { v = try scalar(ScalarSInt32.self, t) }
    @inlinable public mutating func sint32(_ t: FieldTag, into v: inout [Int32]) throws(ProtoDecodingError) { try scalar(ScalarSInt32.self, t, appendingTo: &v) }
    @inlinable public mutating func sint64(_ t: FieldTag) throws(ProtoDecodingError) -> Int64 { try scalar(ScalarSInt64.self, t) }
    @inlinable public mutating func sint64(_ t: FieldTag, into v: inout Int64) throws(ProtoDecodingError) { v = try scalar(ScalarSInt64.self, t) }
    @inlinable public mutating func sint64(_ t: FieldTag, into v: inout Int64?) throws(ProtoDecodingError) { v = try scalar(ScalarSInt64.self, t) }
    @inlinable public mutating func sint64(_ t: FieldTag, into v: inout [Int64]) throws(ProtoDecodingError) { try scalar(ScalarSInt64.self, t, appendingTo: &v) }
    @inlinable public mutating func fixed32(_ t: FieldTag) throws(ProtoDecodingError) -> UInt32 { try scalar(ScalarFixed32.self, t) }
    @inlinable public mutating func fixed32(_ t: FieldTag, into v: inout UInt32) throws(ProtoDecodingError) { v = try scalar(ScalarFixed32.self, t) }
    @inlinable public mutating func fixed32(_ t: FieldTag, into v: inout UInt32?) throws(ProtoDecodingError) { v = try scalar(ScalarFixed32.self, t) }
    @inlinable public mutating func fixed32(_ t: FieldTag, into v: inout [UInt32]) throws(ProtoDecodingError) { try scalar(ScalarFixed32.self, t, appendingTo: &v) }
    @inlinable public mutating func fixed64(_ t: FieldTag) throws(ProtoDecodingError) -> UInt64 { try scalar(ScalarFixed64.self, t) }
    @inlinable public mutating func fixed64(_ t: FieldTag, into v: inout UInt64) throws(ProtoDecodingError) { v = try scalar(ScalarFixed64.self, t) }
    @inlinable public mutating func fixed64(_ t: FieldTag, into v: inout UInt64?) throws(ProtoDecodingError) { v = try scalar(ScalarFixed64.self, t) }
    @inlinable public mutating func fixed64(_ t: FieldTag, into v: inout [UInt64]) throws(ProtoDecodingError) { try scalar(ScalarFixed64.self, t, appendingTo: &v) }
    @inlinable public mutating func sfixed32(_ t: FieldTag) throws(ProtoDecodingError) -> Int32 { try scalar(ScalarSFixed32.self, t) }
    @inlinable public mutating func sfixed32(_ t: FieldTag, into v: inout Int32) throws(ProtoDecodingError) { v = try scalar(ScalarSFixed32.self, t) }
    @inlinable public mutating func sfixed32(_ t: FieldTag, into v: inout Int32?) throws(ProtoDecodingError) { v = try scalar(ScalarSFixed32.self, t) }
    @inlinable public mutating func sfixed32(_ t: FieldTag, into v: inout [Int32]) throws(ProtoDecodingError) { try scalar(ScalarSFixed32.self, t, appendingTo: &v) }
    @inlinable public mutating func sfixed64(_ t: FieldTag) throws(ProtoDecodingError) -> Int64 { try scalar(ScalarSFixed64.self, t) }
    @inlinable public mutating func sfixed64(_ t: FieldTag, into v: inout Int64) throws(ProtoDecodingError) { v = try scalar(ScalarSFixed64.self, t) }
    @inlinable public mutating func sfixed64(_ t: FieldTag, into v: inout Int64?) throws(ProtoDecodingError) { v = try scalar(ScalarSFixed64.self, t) }
    @inlinable public mutating func sfixed64(_ t: FieldTag, into v: inout [Int64]) throws(ProtoDecodingError) { try scalar(ScalarSFixed64.self, t, appendingTo: &v) }
    @inlinable public mutating func float(_ t: FieldTag) throws(ProtoDecodingError) -> Float { try scalar(ScalarFloat.self, t) }
    @inlinable public mutating func float(_ t: FieldTag, into v: inout Float) throws(ProtoDecodingError) { v = try scalar(ScalarFloat.self, t) }
    @inlinable public mutating func float(_ t: FieldTag, into v: inout Float?) throws(ProtoDecodingError) { v = try scalar(ScalarFloat.self, t) }
    @inlinable public mutating func float(_ t: FieldTag, into v: inout [Float]) throws(ProtoDecodingError) { try scalar(ScalarFloat.self, t, appendingTo: &v) }
    @inlinable public mutating func double(_ t: FieldTag) throws(ProtoDecodingError) -> Double { try scalar(ScalarDouble.self, t) }
    @inlinable public mutating func double(_ t: FieldTag, into v: inout Double) throws(ProtoDecodingError) { v = try scalar(ScalarDouble.self, t) }
    @inlinable public mutating func double(_ t: FieldTag, into v: inout Double?) throws(ProtoDecodingError) { v = try scalar(ScalarDouble.self, t) }
    @inlinable public mutating func double(_ t: FieldTag, into v: inout [Double]) throws(ProtoDecodingError) { try scalar(ScalarDouble.self, t, appendingTo: &v) }
    @inlinable public mutating func bool(_ t: FieldTag) throws(ProtoDecodingError) -> Bool { try scalar(ScalarBool.self, t) }
    @inlinable public mutating func bool(_ t: FieldTag, into v: inout Bool) throws(ProtoDecodingError) { v = try scalar(ScalarBool.self, t) }
    @inlinable public mutating func bool(_ t: FieldTag, into v: inout Bool?) throws(ProtoDecodingError) { v = try scalar(ScalarBool.self, t) }
    @inlinable public mutating func bool(_ t: FieldTag, into v: inout [Bool]) throws(ProtoDecodingError) { try scalar(ScalarBool.self, t, appendingTo: &v) }
    @inlinable public mutating func string(_ t: FieldTag) throws(ProtoDecodingError) -> String { try scalar(ScalarString.self, t) }
    @inlinable public mutating func string(_ t: FieldTag, into v: inout String) throws(ProtoDecodingError) { v = try scalar(ScalarString.self, t) }
    @inlinable public mutating func string(_ t: FieldTag, into v: inout String?) throws(ProtoDecodingError) { v = try scalar(ScalarString.self, t) }
    @inlinable public mutating func string(_ t: FieldTag, into v: inout [String]) throws(ProtoDecodingError) { try scalar(ScalarString.self, t, appendingTo: &v) }
    @inlinable public mutating func bytes(_ t: FieldTag) throws(ProtoDecodingError) -> [UInt8] { try scalar(ScalarBytes.self, t) }
    @inlinable public mutating func bytes(_ t: FieldTag, into v: inout [UInt8]) throws(ProtoDecodingError) { v = try scalar(ScalarBytes.self, t) }
    @inlinable public mutating func bytes(_ t: FieldTag, into v: inout [UInt8]?) throws(ProtoDecodingError) { v = try scalar(ScalarBytes.self, t) }
    @inlinable public mutating func bytes(_ t: FieldTag, into v: inout [[UInt8]]) throws(ProtoDecodingError) { try scalar(ScalarBytes.self, t, appendingTo: &v) }
    @inlinable public mutating func enumField<E: ProtoEnum>(_ t: FieldTag) throws(ProtoDecodingError) -> E { try scalar(ScalarEnum<E>.self, t) }
    @inlinable public mutating func enumField<E: ProtoEnum>(_ t: FieldTag, into v: inout E) throws(ProtoDecodingError) { v = try scalar(ScalarEnum<E>.self, t) }
    @inlinable public mutating func enumField<E: ProtoEnum>(_ t: FieldTag, into v: inout E?) throws(ProtoDecodingError) { v = try scalar(ScalarEnum<E>.self, t) }
    @inlinable public mutating func enumField<E: ProtoEnum>(_ t: FieldTag, into v: inout [E]) throws(ProtoDecodingError) { try scalar(ScalarEnum<E>.self, t, appendingTo: &v) }
}
