// Test-only messages with repeated, map, oneof and recursive fields (package `test`).
import ProtoWire

/// Every scalar type as a `repeated` field (numeric ones packed), plus repeated messages.
///
/// ```
/// message Repeateds {
///   repeated int32 i32 = 1; repeated int64 i64 = 2; repeated uint32 u32 = 3; repeated uint64 u64 = 4;
///   repeated sint32 s32 = 5; repeated sint64 s64 = 6; repeated fixed32 f32 = 7;
///   repeated fixed64 f64 = 8; repeated sfixed32 sf32 = 9; repeated sfixed64 sf64 = 10;
///   repeated float flt = 11; repeated double dbl = 12; repeated bool flag = 13;
///   repeated string text = 14; repeated bytes data = 15; repeated Color color = 16;
///   repeated Test1 children = 17;
/// }
/// ```
struct Repeateds: ProtoMessage {
    static let protoMessageName = "test.Repeateds"
    var i32: [Int32] = []
    var i64: [Int64] = []
    var u32: [UInt32] = []
    var u64: [UInt64] = []
    var s32: [Int32] = []
    var s64: [Int64] = []
    var f32: [UInt32] = []
    var f64: [UInt64] = []
    var sf32: [Int32] = []
    var sf64: [Int64] = []
    var flt: [Float] = []
    var dbl: [Double] = []
    var flag: [Bool] = []
    var text: [String] = []
    var data: [[UInt8]] = []
    var color: [Color] = []
    var children: [Test1] = []
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
        sink.message(17, children)
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
        case 17: try reader.message(tag, into: &children)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// One map per supported key type and value shape.
///
/// ```
/// message Maps {
///   map<string, string> labels = 1; map<int32, int64> counts = 2; map<int64, double> weights = 3;
///   map<uint32, float> ratios = 4; map<uint64, bool> flags = 5; map<string, bytes> blobs = 6;
///   map<string, Color> colors = 7; map<int32, Test1> children = 8;
/// }
/// ```
struct Maps: ProtoMessage {
    static let protoMessageName = "test.Maps"
    var labels: [String: String] = [:]
    var counts: [Int32: Int64] = [:]
    var weights: [Int64: Double] = [:]
    var ratios: [UInt32: Float] = [:]
    var flags: [UInt64: Bool] = [:]
    var blobs: [String: [UInt8]] = [:]
    var colors: [String: Color] = [:]
    var children: [Int32: Test1] = [:]
    var unknownFields = UnknownFields()

    init() {}

    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.map(1, labels)
        sink.map(2, counts)
        sink.map(3, weights)
        sink.map(4, ratios)
        sink.map(5, flags)
        sink.map(6, blobs)
        sink.map(7, colors)
        sink.map(8, children)
        sink.unknownFields(unknownFields)
    }

    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.map(tag, into: &labels)
        case 2: try reader.map(tag, into: &counts)
        case 3: try reader.map(tag, into: &weights)
        case 4: try reader.map(tag, into: &ratios)
        case 5: try reader.map(tag, into: &flags)
        case 6: try reader.map(tag, into: &blobs)
        case 7: try reader.map(tag, into: &colors)
        case 8: try reader.map(tag, into: &children)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// A oneof between two plain fields, with scalar, string, message, enum, bytes and double members.
///
/// ```
/// message Oneofs {
///   string name = 1;
///   oneof choice { int32 number = 2; string label = 3; Test1 child = 4; Color color = 5;
///                  bytes blob = 6; double real = 7; }
///   int32 after = 8;
/// }
/// ```
struct Oneofs: ProtoMessage {
    static let protoMessageName = "test.Oneofs"

    /// `oneof choice`
    enum Choice: Sendable, Equatable {
        case number(Int32)
        case label(String)
        case child(Test1)
        case color(Color)
        case blob([UInt8])
        case real(Double)
    }

    var name: String = ""
    var choice: Choice?
    var after: Int32 = 0
    var unknownFields = UnknownFields()

    init() {}

    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, name)
        switch choice {
        case .number(let v)?: sink.int32(2, Optional(v))
        case .label(let v)?: sink.string(3, Optional(v))
        case .child(let v)?: sink.message(4, v)
        case .color(let v)?: sink.enumField(5, Optional(v))
        case .blob(let v)?: sink.bytes(6, Optional(v))
        case .real(let v)?: sink.double(7, Optional(v))
        case nil: break
        }
        sink.int32(8, after)
        sink.unknownFields(unknownFields)
    }

    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &name)
        case 2: choice = .number(try reader.int32(tag))
        case 3: choice = .label(try reader.string(tag))
        case 4:
            var v = Test1()
            if case .child(let old)? = choice { v = old }
            try reader.message(tag, into: &v)
            choice = .child(v)
        case 5: choice = .color(try reader.enumField(tag))
        case 6: choice = .blob(try reader.bytes(tag))
        case 7: choice = .real(try reader.double(tag))
        case 8: try reader.int32(tag, into: &after)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// A recursive message, for nesting depth.
///
/// `message Node { int32 value = 1; repeated Node children = 2; map<string, Node> named = 3; }`
struct Node: ProtoMessage, Hashable {
    static let protoMessageName = "test.Node"
    var value: Int32 = 0
    var children: [Node] = []
    var named: [String: Node] = [:]
    var unknownFields = UnknownFields()

    init() {}

    /// A chain of `depth` nested messages below this one (depth 0: a lone node).
    static func chain(depth: Int) -> Node {
        var node = Node()
        node.value = Int32(depth)
        for level in 0..<depth {
            var parent = Node()
            parent.value = Int32(depth - level - 1)
            parent.children = [node]
            node = parent
        }
        return node
    }

    /// How many levels of messages hang below this one.
    var depth: Int {
        let below = children.map(\.depth) + named.values.map { $0.depth + 1 }
        return below.isEmpty ? 0 : 1 + (below.max() ?? 0)
    }

    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, value)
        sink.message(2, children)
        sink.map(3, named)
        sink.unknownFields(unknownFields)
    }

    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &value)
        case 2: try reader.message(tag, into: &children)
        case 3: try reader.map(tag, into: &named)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
