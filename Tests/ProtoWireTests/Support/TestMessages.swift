// Test-only messages with hand-written codecs, written per docs/CODECS.md. Their `.proto` is given
// in each doc comment (package `test`); together they cover every field type and shape.
import ProtoWire

/// `enum Color { COLOR_UNSPECIFIED = 0; COLOR_RED = 1; COLOR_GREEN = 2; COLOR_MINUS_ONE = -1; }`
enum Color: ProtoEnum {
    case unspecified  // 0
    case red  // 1
    case green  // 2
    case minusOne  // -1
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .red
        case 2: self = .green
        case -1: self = .minusOne
        default: self = .unrecognized(rawValue)
        }
    }

    var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .red: 1
        case .green: 2
        case .minusOne: -1
        case .unrecognized(let value): value
        }
    }
}

/// The encoding guide's `message Test1 { int32 a = 1; }`.
struct Test1: ProtoMessage, Hashable {
    static let protoMessageName = "test.Test1"
    /// `int32 a = 1;`
    var a: Int32 = 0
    var unknownFields = UnknownFields()

    init() {}
    init(a: Int32) { self.a = a }

    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, a)
        sink.unknownFields(unknownFields)
    }

    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &a)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// The encoding guide's `message Test2 { string b = 2; }`.
struct Test2: ProtoMessage, Hashable {
    static let protoMessageName = "test.Test2"
    /// `string b = 2;`
    var b: String = ""
    var unknownFields = UnknownFields()

    init() {}

    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(2, b)
        sink.unknownFields(unknownFields)
    }

    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 2: try reader.string(tag, into: &b)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// The encoding guide's `message Test3 { Test1 c = 3; }`.
struct Test3: ProtoMessage, Hashable {
    static let protoMessageName = "test.Test3"
    /// `Test1 c = 3;`
    var c: Test1?
    var unknownFields = UnknownFields()

    init() {}

    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(3, c)
        sink.unknownFields(unknownFields)
    }

    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 3: try reader.message(tag, into: &c)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// The encoding guide's `message Test4 { string d = 1; repeated int32 e = 4; }`.
struct Test4: ProtoMessage, Hashable {
    static let protoMessageName = "test.Test4"
    /// `string d = 1;`
    var d: String = ""
    /// `repeated int32 e = 4;`
    var e: [Int32] = []
    var unknownFields = UnknownFields()

    init() {}

    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, d)
        sink.int32(4, e)
        sink.unknownFields(unknownFields)
    }

    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &d)
        case 4: try reader.int32(tag, into: &e)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// Every scalar type with proto3 implicit presence, plus a message field.
///
/// ```
/// message Scalars {
///   int32 i32 = 1; int64 i64 = 2; uint32 u32 = 3; uint64 u64 = 4; sint32 s32 = 5; sint64 s64 = 6;
///   fixed32 f32 = 7; fixed64 f64 = 8; sfixed32 sf32 = 9; sfixed64 sf64 = 10; float flt = 11;
///   double dbl = 12; bool flag = 13; string text = 14; bytes data = 15; Color color = 16;
///   Test1 child = 17;
/// }
/// ```
struct Scalars: ProtoMessage {
    static let protoMessageName = "test.Scalars"
    var i32: Int32 = 0
    var i64: Int64 = 0
    var u32: UInt32 = 0
    var u64: UInt64 = 0
    var s32: Int32 = 0
    var s64: Int64 = 0
    var f32: UInt32 = 0
    var f64: UInt64 = 0
    var sf32: Int32 = 0
    var sf64: Int64 = 0
    var flt: Float = 0
    var dbl: Double = 0
    var flag: Bool = false
    var text: String = ""
    var data: [UInt8] = []
    var color: Color = .unspecified
    var child: Test1?
    var unknownFields = UnknownFields()

    init() {}

    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, i32)
        sink.int64(2, i64)
        sink.uint32(3, u32)
        sink.uint64(4, u64)
        sink.sint32(5, s32)
        sink.sint64(6, s64)
        sink.fixed32(7, f32)
        sink.fixed64(8, f64)
        sink.sfixed32(9, sf32)
        sink.sfixed64(10, sf64)
        sink.float(11, flt)
        sink.double(12, dbl)
        sink.bool(13, flag)
        sink.string(14, text)
        sink.bytes(15, data)
        sink.enumField(16, color)
        sink.message(17, child)
        sink.unknownFields(unknownFields)
    }

    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &i32)
        case 2: try reader.int64(tag, into: &i64)
        case 3: try reader.uint32(tag, into: &u32)
        case 4: try reader.uint64(tag, into: &u64)
        case 5: try reader.sint32(tag, into: &s32)
        case 6: try reader.sint64(tag, into: &s64)
        case 7: try reader.fixed32(tag, into: &f32)
        case 8: try reader.fixed64(tag, into: &f64)
        case 9: try reader.sfixed32(tag, into: &sf32)
        case 10: try reader.sfixed64(tag, into: &sf64)
        case 11: try reader.float(tag, into: &flt)
        case 12: try reader.double(tag, into: &dbl)
        case 13: try reader.bool(tag, into: &flag)
        case 14: try reader.string(tag, into: &text)
        case 15: try reader.bytes(tag, into: &data)
        case 16: try reader.enumField(tag, into: &color)
        case 17: try reader.message(tag, into: &child)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// Every scalar type as a proto3 `optional` (explicit presence: written whenever set).
///
/// ```
/// message Optionals {
///   optional int32 i32 = 1; optional int64 i64 = 2; optional uint32 u32 = 3; optional uint64 u64 = 4;
///   optional sint32 s32 = 5; optional sint64 s64 = 6; optional fixed32 f32 = 7;
///   optional fixed64 f64 = 8; optional sfixed32 sf32 = 9; optional sfixed64 sf64 = 10;
///   optional float flt = 11; optional double dbl = 12; optional bool flag = 13;
///   optional string text = 14; optional bytes data = 15; optional Color color = 16;
/// }
/// ```
struct Optionals: ProtoMessage {
    static let protoMessageName = "test.Optionals"
    var i32: Int32?
    var i64: Int64?
    var u32: UInt32?
    var u64: UInt64?
    var s32: Int32?
    var s64: Int64?
    var f32: UInt32?
    var f64: UInt64?
    var sf32: Int32?
    var sf64: Int64?
    var flt: Float?
    var dbl: Double?
    var flag: Bool?
    var text: String?
    var data: [UInt8]?
    var color: Color?
    var unknownFields = UnknownFields()

    init() {}

    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, i32)
        sink.int64(2, i64)
        sink.uint32(3, u32)
        sink.uint64(4, u64)
        sink.sint32(5, s32)
        sink.sint64(6, s64)
        sink.fixed32(7, f32)
        sink.fixed64(8, f64)
        sink.sfixed32(9, sf32)
        sink.sfixed64(10, sf64)
        sink.float(11, flt)
        sink.double(12, dbl)
        sink.bool(13, flag)
        sink.string(14, text)
        sink.bytes(15, data)
        sink.enumField(16, color)
        sink.unknownFields(unknownFields)
    }

    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &i32)
        case 2: try reader.int64(tag, into: &i64)
        case 3: try reader.uint32(tag, into: &u32)
        case 4: try reader.uint64(tag, into: &u64)
        case 5: try reader.sint32(tag, into: &s32)
        case 6: try reader.sint64(tag, into: &s64)
        case 7: try reader.fixed32(tag, into: &f32)
        case 8: try reader.fixed64(tag, into: &f64)
        case 9: try reader.sfixed32(tag, into: &sf32)
        case 10: try reader.sfixed64(tag, into: &sf64)
        case 11: try reader.float(tag, into: &flt)
        case 12: try reader.double(tag, into: &dbl)
        case 13: try reader.bool(tag, into: &flag)
        case 14: try reader.string(tag, into: &text)
        case 15: try reader.bytes(tag, into: &data)
        case 16: try reader.enumField(tag, into: &color)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
