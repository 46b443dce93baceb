// The field-level encoding API. Each method is named after the protobuf type of the field and
// comes in three shapes: a plain value (proto3 implicit presence: the default is not written),
// an optional (proto3 `optional` or a oneof member: written whenever set, even at the default)
// and an array (`repeated`: numeric types packed, strings, bytes and messages one per element).

extension ProtoSink where Self: ~Copyable, Self: ~Escapable {
    /// Writes the key of field `field` with wire type `wireType`.
    @inlinable
    public mutating func writeTag(_ field: Int, _ wireType: WireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    /// Writes a scalar field unless it holds the default.
    @inlinable
    public mutating func scalar<K: ProtoScalarKind>(_: K.Type, _ field: Int, _ value: K.Value) {
        guard !K.isDefault(value) else { return }
        writeTag(field, K.wireType)
        K.write(value, to: &self)
    }

    /// Writes a scalar field if it is set.
    @inlinable
    public mutating func scalar<K: ProtoScalarKind>(_: K.Type, _ field: Int, _ value: K.Value?) {
        guard let value else { return }
        writeTag(field, K.wireType)
        K.write(value, to: &self)
    }

    /// Writes a repeated scalar field: packed for numeric types, one field per element otherwise.
    @inlinable
    public mutating func scalar<K: ProtoScalarKind>(_: K.Type, _ field: Int, _ values: [K.Value]) {
        guard !values.isEmpty else { return }
        // Index loops: `for value in values` would copy (retain and release) every element.
        if K.wireType == .lengthDelimited {
            let elements = values.span
            for i in elements.indices {
                writeTag(field, .lengthDelimited)
                K.write(elements[i], to: &self)
            }
        } else {
            var length = 0
            for i in values.indices { length += K.size(values[i]) }
            writeTag(field, .lengthDelimited)
            writeVarint(UInt64(length))
            for i in values.indices { K.write(values[i], to: &self) }
        }
    }

    /// Writes a message field if it is set (an empty message is still written).
    @inlinable
    public mutating func message<M: ProtoMessage>(_ field: Int, _ value: M?) {
        guard let value else { return }
        writeTag(field, .lengthDelimited)
        writeLengthPrefixed(value)
    }

    /// Writes a message field that is known to be set: a oneof member (`case .content(let v)?:
    /// sink.message(7, v)`), without wrapping it in an optional (a copy of the message).
    @inlinable
    public mutating func message<M: ProtoMessage>(_ field: Int, _ value: M) {
        writeTag(field, .lengthDelimited)
        writeLengthPrefixed(value)
    }

    /// Writes a repeated message field.
    @inlinable
    public mutating func message<M: ProtoMessage>(_ field: Int, _ values: [M]) {
        let elements = values.span
        for i in elements.indices {
            writeTag(field, .lengthDelimited)
            writeLengthPrefixed(elements[i])
        }
    }

    /// Writes a map field, one entry per key in ascending key order (the size pass skips the sort;
    /// maps of up to eight entries are sorted on the stack).
    @inlinable
    public mutating func map<K: ProtoMapKey, V: ProtoMapValue>(_ field: Int, _ map: [K: V]) {
        forEachEntry(map) { sink, key, value in sink.mapEntry(field, key, value) }
    }

    /// Calls `write` for every entry of `map`: in storage order when only counting (the size does
    /// not depend on order), in ascending key order when writing (maps of up to eight entries are
    /// sorted through indices on the stack). Entries are read through `keys[i]` and `values[i]`:
    /// iterating `(key, value)` pairs would copy (retain and release) both.
    @inlinable
    mutating func forEachEntry<K: ProtoMapKey, V>(_ map: [K: V], _ write: (inout Self, K, V) -> Void) {
        guard !map.isEmpty else { return }
        if Self.countsOnly {
            var i = map.startIndex
            while i != map.endIndex {
                write(&self, map.keys[i], map.values[i])
                map.formIndex(after: &i)
            }
        } else if map.count <= 8 {
            var order = InlineArray<8, [K: V].Index>(repeating: map.startIndex)
            map.sortIndicesByKey(into: &order)
            for k in 0..<map.count { write(&self, map.keys[order[k]], map.values[order[k]]) }
        } else {
            for (key, value) in map.sorted(by: { $0.key < $1.key }) { write(&self, key, value) }
        }
    }

    @inlinable
    mutating func mapEntry<K: ProtoMapKey, V: ProtoMapValue>(_ field: Int, _ key: K, _ value: V) {
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(2 + K.Kind.size(key) + V.Kind.size(value)))
        writeTag(1, K.Kind.wireType)
        K.Kind.write(key, to: &self)
        writeTag(2, V.Kind.wireType)
        V.Kind.write(value, to: &self)
    }

    /// Writes a map field whose values are enums.
    @inlinable
    public mutating func map<K: ProtoMapKey, E: ProtoEnum>(_ field: Int, _ map: [K: E]) {
        forEachEntry(map) { sink, key, value in sink.mapEntry(field, key, value) }
    }

    @inlinable
    mutating func mapEntry<K: ProtoMapKey, E: ProtoEnum>(_ field: Int, _ key: K, _ value: E) {
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(2 + K.Kind.size(key) + ScalarEnum<E>.size(value)))
        writeTag(1, K.Kind.wireType)
        K.Kind.write(key, to: &self)
        writeTag(2, .varint)
        ScalarEnum<E>.write(value, to: &self)
    }

    /// Writes a map field whose values are messages. Each value is sized once, for both the entry's
    /// length and its own.
    @inlinable
    public mutating func map<K: ProtoMapKey, M: ProtoMessage>(_ field: Int, _ map: [K: M]) {
        forEachEntry(map) { sink, key, value in sink.mapEntry(field, key, value) }
    }

    @inlinable
    mutating func mapEntry<K: ProtoMapKey, M: ProtoMessage>(_ field: Int, _ key: K, _ value: M) {
        let valueSize = SizeCounter.size(of: value)
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(2 + K.Kind.size(key) + Wire.varintSize(UInt64(valueSize)) + valueSize))
        writeTag(1, K.Kind.wireType)
        K.Kind.write(key, to: &self)
        writeTag(2, .lengthDelimited)
        writeLengthPrefixed(value, size: valueSize)
    }

    /// Writes back the fields a message did not recognise.
    @inlinable
    public mutating func unknownFields(_ fields: UnknownFields) {
        if !fields.isEmpty { writeRaw(fields.storage.span) }
    }

    // MARK: Typed front ends, one per protobuf scalar type.

    @inlinable public mutating func int32(_ f: Int, _ v: Int32) { scalar(ScalarInt32.self, f, v) }
    @inlinable public mutating func int32(_ f: Int, _ v: Int32?) { scalar(ScalarInt32.self, f, v) }
    @inlinable public mutating func int32(_ f: Int, _ v: [Int32]) { scalar(ScalarInt32.self, f, v) }
    @inlinable public mutating func int64(_ f: Int, _ v: Int64) { scalar(ScalarInt64.self, f, v) }
    @inlinable public mutating func int64(_ f: Int, _ v: Int64?) { scalar(ScalarInt64.self, f, v) }
    @inlinable public mutating func int64(_ f: Int, _ v: [Int64]) { scalar(ScalarInt64.self, f, v) }
    @inlinable public mutating func uint32(_ f: Int, _ v: UInt32) { scalar(ScalarUInt32.self, f, v) }
    @inlinable public mutating func uint32(_ f: Int, _ v: UInt32?) { scalar(ScalarUInt32.self, f, v) }
    @inlinable public mutating func uint32(_ f: Int, _ v: [UInt32]) { scalar(ScalarUInt32.self, f, v) }
    @inlinable public mutating func uint64(_ f: Int, _ v: UInt64) { scalar(ScalarUInt64.self, f, v) }
    @inlinable public mutating func uint64(_ f: Int, _ v: UInt64?) { scalar(ScalarUInt64.self, f, v) }
    @inlinable public mutating func uint64(_ f: Int, _ v: [UInt64]) { scalar(ScalarUInt64.self, f, v) }
    @inlinable public mutating func sint32(_ f: Int, _ v: Int32) { scalar(ScalarSInt32.self, f, v) }
    @inlinable public mutating func sint32(_ f: Int, _ v: Int32?) { scalar(ScalarSInt32.self, f, v) }
    @inlinable public mutating func sint32(_ f: Int, _ v: [Int32]) { scalar(ScalarSInt32.self, f, v) }
    @inlinable public mutating func sint64(_ f: Int, _ v: Int64) { scalar(ScalarSInt64.self, f, v) }
    @inlinable public mutating func sint64(_ f: Int, _ v: Int64?) { scalar(ScalarSInt64.self, f, v) }
    @inlinable public mutating func sint64(_ f: Int, _ v: [Int64]) { scalar(ScalarSInt64.self, f, v) }
    @inlinable public mutating func fixed32(_ f: Int, _ v: UInt32) { scalar(ScalarFixed32.self, f, v) }
    @inlinable public mutating func fixed32(_ f: Int, _ v: UInt32?) { scalar(ScalarFixed32.self, f, v) }
    @inlinable public mutating func fixed32(_ f: Int, _ v: [UInt32]) { scalar(ScalarFixed32.self, f, v) }
    @inlinable public mutating func fixed64(_ f: Int, _ v: UInt64) { scalar(ScalarFixed64.self, f, v) }
    @inlinable public mutating func fixed64(_ f: Int, _ v: UInt64?) { scalar(ScalarFixed64.self, f, v) }
    @inlinable public mutating func fixed64(_ f: Int, _ v: [UInt64]) { scalar(ScalarFixed64.self, f, v) }
    @inlinable public mutating func sfixed32(_ f: Int, _ v: Int32) { scalar(ScalarSFixed32.self, f, v) }
    @inlinable public mutating func sfixed32(_ f: Int, _ v: Int32?) { scalar(ScalarSFixed32.self, f, v) }
    @inlinable public mutating func sfixed32(_ f: Int, _ v: [Int32]) { scalar(ScalarSFixed32.self, f, v) }
    @inlinable public mutating func sfixed64(_ f: Int, _ v: Int64) { scalar(ScalarSFixed64.self, f, v) }
    @inlinable public mutating func sfixed64(_ f: Int, _ v: Int64?) { scalar(ScalarSFixed64.self, f, v) }
    @inlinable public mutating func sfixed64(_ f: Int, _ v: [Int64]) { scalar(ScalarSFixed64.self, f, v) }
    @inlinable public mutating func float(_ f: Int, _ v: Float) { scalar(ScalarFloat.self, f, v) }
    @inlinable public mutating func float(_ f: Int, _ v: Float?) { scalar(ScalarFloat.self, f, v) }
    @inlinable public mutating func float(_ f: Int, _ v: [Float]) { scalar(ScalarFloat.self, f, v) }
    @inlinable public mutating func double(_ f: Int, _ v: Double) { scalar(ScalarDouble.self, f, v) }
    @inlinable public mutating func double(_ f: Int, _ v: Double?) { scalar(ScalarDouble.self, f, v) }
    @inlinable public mutating func double(_ f: Int, _ v: [Double]) { scalar(ScalarDouble.self, f, v) }
    @inlinable public mutating func bool(_ f: Int, _ v: Bool) { scalar(ScalarBool.self, f, v) }
    @inlinable public mutating func bool(_ f: Int, _ v: Bool?) { scalar(ScalarBool.self, f, v) }
    @inlinable public mutating func bool(_ f: Int, _ v: [Bool]) { scalar(ScalarBool.self, f, v) }
    @inlinable public mutating func string(_ f: Int, _ v: String) { scalar(ScalarString.self, f, v) }
    @inlinable public mutating func string(_ f: Int, _ v: String?) { scalar(ScalarString.self, f, v) }
    @inlinable public mutating func string(_ f: Int, _ v: [String]) { scalar(ScalarString.self, f, v) }
    @inlinable public mutating func bytes(_ f: Int, _ v: [UInt8]) { scalar(ScalarBytes.self, f, v) }
    @inlinable public mutating func bytes(_ f: Int, _ v: [UInt8]?) { scalar(ScalarBytes.self, f, v) }
    @inlinable public mutating func bytes(_ f: Int, _ v: [[UInt8]]) { scalar(ScalarBytes.self, f, v) }
    @inlinable public mutating func enumField<E: ProtoEnum>(_ f: Int, _ v: E) { scalar(ScalarEnum<E>.self, f, v) }
    @inlinable public mutating func enumField<E: ProtoEnum>(_ f: Int, _ v: E?) { scalar(ScalarEnum<E>.self, f, v) }
    @inlinable public mutating func enumField<E: ProtoEnum>(_ f: Int, _ v: [E]) { scalar(ScalarEnum<E>.self, f, v) }
}

extension Dictionary where Key: Comparable {
    /// Fills `order` with the positions of the entries in ascending key order: an insertion sort on
    /// the stack, without allocating, for a map of at most eight entries.
    @inlinable
    func sortIndicesByKey(into order: inout InlineArray<8, Index>) {
        precondition(count <= 8)
        var n = 0
        var i = startIndex
        while i != endIndex {
            var j = n
            while j > 0, keys[i] < keys[order[j - 1]] {
                order[j] = order[j - 1]
                j -= 1
            }
            order[j] = i
            n += 1
            formIndex(after: &i)
        }
    }
}
