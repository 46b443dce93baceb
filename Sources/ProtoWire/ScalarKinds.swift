/// How one protobuf scalar type is sized, written and read. The sink and reader field methods
/// (`int32`, `sint64`, `string`, …) are thin, typed front ends over these kinds.
public protocol ProtoScalarKind {
    /// The Swift type that holds the value.
    associatedtype Value: Sendable & Equatable
    /// The wire type of a single (unpacked) value.
    static var wireType: WireType { get }
    /// The default value of the type (what proto3 leaves off the wire).
    static var defaultValue: Value { get }
    /// Whether `value` is the default, compared bit for bit (so -0.0 is not the default).
    static func isDefault(_ value: Value) -> Bool
    /// The encoded size of `value` without its tag (a length prefix included).
    static func size(_ value: Value) -> Int
    /// Writes `value` without its tag.
    static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ value: Value, to sink: inout S)
    /// Reads one value whose tag has been read.
    static func read(from reader: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> Value
}

extension ProtoScalarKind where Value: Equatable {
    @inlinable public static func isDefault(_ value: Value) -> Bool { value == defaultValue }
}

/// `int32`: a varint; negative values take ten bytes (sign-extended to 64 bits).
public enum ScalarInt32: ProtoScalarKind {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Int32 { 0 }
    @inlinable public static func size(_ v: Int32) -> Int { Wire.varintSize(UInt64(bitPattern: Int64(v))) }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: Int32, to s: inout S) { s.writeVarint(UInt64(bitPattern: Int64(v))) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> Int32 {
        Int32(truncatingIfNeeded: try r.readVarint())
    }
}

/// `int64`: a varint.
public enum ScalarInt64: ProtoScalarKind {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Int64 { 0 }
    @inlinable public static func size(_ v: Int64) -> Int { Wire.varintSize(UInt64(bitPattern: v)) }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: Int64, to s: inout S) { s.writeVarint(UInt64(bitPattern: v)) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> Int64 {
        Int64(bitPattern: try r.readVarint())
    }
}

/// `uint32`: a varint.
public enum ScalarUInt32: ProtoScalarKind {
    public static var wireType: WireType { .varint }
    public static var defaultValue: UInt32 { 0 }
    @inlinable public static func size(_ v: UInt32) -> Int { Wire.varintSize(UInt64(v)) }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: UInt32, to s: inout S) { s.writeVarint(UInt64(v)) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> UInt32 {
        UInt32(truncatingIfNeeded: try r.readVarint())
    }
}

/// `uint64`: a varint.
public enum ScalarUInt64: ProtoScalarKind {
    public static var wireType: WireType { .varint }
    public static var defaultValue: UInt64 { 0 }
    @inlinable public static func size(_ v: UInt64) -> Int { Wire.varintSize(v) }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: UInt64, to s: inout S) { s.writeVarint(v) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> UInt64 {
        try r.readVarint()
    }
}

/// `sint32`: a ZigZag varint.
public enum ScalarSInt32: ProtoScalarKind {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Int32 { 0 }
    @inlinable public static func size(_ v: Int32) -> Int { Wire.varintSize(UInt64(Wire.zigZag(v))) }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: Int32, to s: inout S) { s.writeVarint(UInt64(Wire.zigZag(v))) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> Int32 {
        Wire.unZigZag(UInt32(truncatingIfNeeded: try r.readVarint()))
    }
}

/// `sint64`: a ZigZag varint.
public enum ScalarSInt64: ProtoScalarKind {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Int64 { 0 }
    @inlinable public static func size(_ v: Int64) -> Int { Wire.varintSize(Wire.zigZag(v)) }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: Int64, to s: inout S) { s.writeVarint(Wire.zigZag(v)) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> Int64 {
        Wire.unZigZag(try r.readVarint())
    }
}

/// `bool`: a varint, 0 or 1 (any non-zero value reads as true).
public enum ScalarBool: ProtoScalarKind {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Bool { false }
    @inlinable public static func size(_ v: Bool) -> Int { 1 }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: Bool, to s: inout S) { s.writeVarint(v ? 1 : 0) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> Bool {
        try r.readVarint() != 0
    }
}

/// `fixed32`: four little-endian bytes.
public enum ScalarFixed32: ProtoScalarKind {
    public static var wireType: WireType { .fixed32 }
    public static var defaultValue: UInt32 { 0 }
    @inlinable public static func size(_ v: UInt32) -> Int { 4 }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: UInt32, to s: inout S) { s.writeFixed32(v) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> UInt32 {
        try r.readFixed32()
    }
}

/// `fixed64`: eight little-endian bytes.
public enum ScalarFixed64: ProtoScalarKind {
    public static var wireType: WireType { .fixed64 }
    public static var defaultValue: UInt64 { 0 }
    @inlinable public static func size(_ v: UInt64) -> Int { 8 }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: UInt64, to s: inout S) { s.writeFixed64(v) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> UInt64 {
        try r.readFixed64()
    }
}

/// `sfixed32`: four little-endian bytes, two's complement.
public enum ScalarSFixed32: ProtoScalarKind {
    public static var wireType: WireType { .fixed32 }
    public static var defaultValue: Int32 { 0 }
    @inlinable public static func size(_ v: Int32) -> Int { 4 }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: Int32, to s: inout S) { s.writeFixed32(UInt32(bitPattern: v)) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> Int32 {
        Int32(bitPattern: try r.readFixed32())
    }
}

/// `sfixed64`: eight little-endian bytes, two's complement.
public enum ScalarSFixed64: ProtoScalarKind {
    public static var wireType: WireType { .fixed64 }
    public static var defaultValue: Int64 { 0 }
    @inlinable public static func size(_ v: Int64) -> Int { 8 }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: Int64, to s: inout S) { s.writeFixed64(UInt64(bitPattern: v)) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> Int64 {
        Int64(bitPattern: try r.readFixed64())
    }
}

/// `float`: an IEEE 754 single, four little-endian bytes.
public enum ScalarFloat: ProtoScalarKind {
    public static var wireType: WireType { .fixed32 }
    public static var defaultValue: Float { 0 }
    @inlinable public static func isDefault(_ v: Float) -> Bool { v.bitPattern == 0 }
    @inlinable public static func size(_ v: Float) -> Int { 4 }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: Float, to s: inout S) { s.writeFixed32(v.bitPattern) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> Float {
        Float(bitPattern: try r.readFixed32())
    }
}

/// `double`: an IEEE 754 double, eight little-endian bytes.
public enum ScalarDouble: ProtoScalarKind {
    public static var wireType: WireType { .fixed64 }
    public static var defaultValue: Double { 0 }
    @inlinable public static func isDefault(_ v: Double) -> Bool { v.bitPattern == 0 }
    @inlinable public static func size(_ v: Double) -> Int { 8 }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: Double, to s: inout S) { s.writeFixed64(v.bitPattern) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> Double {
        Double(bitPattern: try r.readFixed64())
    }
}

/// `string`: a length prefix and UTF-8 bytes; invalid UTF-8 is rejected on decode.
public enum ScalarString: ProtoScalarKind {
    public static var wireType: WireType { .lengthDelimited }
    public static var defaultValue: String { "" }
    @inlinable public static func isDefault(_ v: String) -> Bool { v.isEmpty }
    @inlinable public static func size(_ v: String) -> Int {
        let n = v.utf8.count
        return Wire.varintSize(UInt64(n)) + n
    }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: String, to s: inout S) {
        s.writeString(v)
    }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> String {
        let range = try r.readLengthDelimited(field: field)
        return try r.string(in: range, field: field)
    }
}

/// `bytes`: a length prefix and raw bytes.
public enum ScalarBytes: ProtoScalarKind {
    public static var wireType: WireType { .lengthDelimited }
    public static var defaultValue: [UInt8] { [] }
    @inlinable public static func isDefault(_ v: [UInt8]) -> Bool { v.isEmpty }
    @inlinable public static func size(_ v: [UInt8]) -> Int { Wire.varintSize(UInt64(v.count)) + v.count }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: [UInt8], to s: inout S) {
        s.writeBytes(v.span)
    }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> [UInt8] {
        [UInt8](r.slice(try r.readLengthDelimited(field: field)))
    }
}

/// An enum field: a varint holding the value's number (int32 semantics).
public enum ScalarEnum<E: ProtoEnum>: ProtoScalarKind {
    public static var wireType: WireType { .varint }
    public static var defaultValue: E { E(rawValue: 0) }
    @inlinable public static func isDefault(_ v: E) -> Bool { v.rawValue == 0 }
    @inlinable public static func size(_ v: E) -> Int { ScalarInt32.size(v.rawValue) }
    @inlinable public static func write<S: ProtoSink & ~Copyable & ~Escapable>(_ v: E, to s: inout S) { ScalarInt32.write(v.rawValue, to: &s) }
    @inlinable public static func read(from r: inout ProtoReader, field: Int) throws(ProtoDecodingError) -> E {
        E(rawValue: try ScalarInt32.read(from: &r, field: field))
    }
}

/// A Swift type with one natural protobuf scalar type; used for map keys and values.
public protocol ProtoMapValue: Sendable, Equatable {
    /// The protobuf type this Swift type is written as inside a map entry.
    associatedtype Kind: ProtoScalarKind where Kind.Value == Self
}

/// A type that can key a protobuf map (sorted when encoding, so output is deterministic).
public protocol ProtoMapKey: ProtoMapValue, Hashable, Comparable {}

extension String: ProtoMapKey { public typealias Kind = ScalarString }
extension Int32: ProtoMapKey { public typealias Kind = ScalarInt32 }
extension Int64: ProtoMapKey { public typealias Kind = ScalarInt64 }
extension UInt32: ProtoMapKey { public typealias Kind = ScalarUInt32 }
extension UInt64: ProtoMapKey { public typealias Kind = ScalarUInt64 }
extension Bool: ProtoMapValue { public typealias Kind = ScalarBool }
extension Double: ProtoMapValue { public typealias Kind = ScalarDouble }
extension Float: ProtoMapValue { public typealias Kind = ScalarFloat }
extension Array: ProtoMapValue where Element == UInt8 { public typealias Kind = ScalarBytes }
