public import ProtoWire

/// The test-only messages of Tests/interop/protos/relay/test/all_types.proto.
enum TestMessages {
    /// Every `relay.test` message type, nested ones included.
    static let all: [any ProtoMessage.Type] = [AllTypes.self, AllTypes.Nested.self, WellKnown.self]
}

/// `relay.test.TestEnum`: an open enum with a negative value and the largest int32.
public enum TestEnum: ProtoEnum {
    case unspecified  // 0
    case one  // 1
    case two  // 2
    case negative  // -1
    case max  // 2147483647
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .one
        case 2: self = .two
        case -1: self = .negative
        case 2_147_483_647: self = .max
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .one: 1
        case .two: 2
        case .negative: -1
        case .max: 2_147_483_647
        case .unrecognized(let value): value
        }
    }
}

/// `relay.test.WellKnown`: every well-known type ProtoWire implements, as fields.
public struct WellKnown: ProtoMessage {
    public static let protoMessageName = "relay.test.WellKnown"
    /// `google.protobuf.Timestamp timestamp = 1;`
    public var timestamp: Google.Protobuf.Timestamp?
    /// `google.protobuf.Duration duration = 2;`
    public var duration: Google.Protobuf.Duration?
    /// `google.protobuf.FieldMask field_mask = 3;`
    public var fieldMask: Google.Protobuf.FieldMask?
    /// `google.protobuf.Empty empty = 4;`
    public var empty: Google.Protobuf.Empty?
    /// `google.protobuf.Any any_value = 5;`
    public var anyValue: Google.Protobuf.`Any`?
    /// `google.protobuf.Struct struct_value = 6;`
    public var structValue: Google.Protobuf.Struct?
    /// `google.protobuf.Value value = 7;`
    public var value: Google.Protobuf.Value?
    /// `google.protobuf.ListValue list_value = 8;`
    public var listValue: Google.Protobuf.ListValue?
    /// `google.protobuf.NullValue null_value = 9;`
    public var nullValue: Google.Protobuf.NullValue = .nullValue
    /// `repeated google.protobuf.Timestamp timestamps = 10;`
    public var timestamps: [Google.Protobuf.Timestamp] = []
    /// `map<string, google.protobuf.Value> values = 11;`
    public var values: [String: Google.Protobuf.Value] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, timestamp)
        sink.message(2, duration)
        sink.message(3, fieldMask)
        sink.message(4, empty)
        sink.message(5, anyValue)
        sink.message(6, structValue)
        sink.message(7, value)
        sink.message(8, listValue)
        sink.enumField(9, nullValue)
        sink.message(10, timestamps)
        sink.map(11, values)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &timestamp)
        case 2: try reader.message(tag, into: &duration)
        case 3: try reader.message(tag, into: &fieldMask)
        case 4: try reader.message(tag, into: &empty)
        case 5: try reader.message(tag, into: &anyValue)
        case 6: try reader.message(tag, into: &structValue)
        case 7: try reader.message(tag, into: &value)
        case 8: try reader.message(tag, into: &listValue)
        case 9: try reader.enumField(tag, into: &nullValue)
        case 10: try reader.message(tag, into: &timestamps)
        case 11: try reader.map(tag, into: &values)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
