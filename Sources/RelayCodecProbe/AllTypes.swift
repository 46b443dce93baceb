// The hand-written codec of Tests/interop/protos/relay/test/all_types.proto's `relay.test.AllTypes`,
// following docs/CODECS.md. Test-only: the interop tests compare it with protoc and Python protobuf.
public import ProtoWire

/// `relay.test.AllTypes`: every scalar type singular, `optional` and repeated (packed and not),
/// enums, nested and recursive messages, maps and a oneof.
public struct AllTypes: ProtoMessage {
    public static let protoMessageName = "relay.test.AllTypes"

    /// `relay.test.AllTypes.Nested`: a small nested message.
    public struct Nested: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.test.AllTypes.Nested"
        /// `int32 a = 1;`
        public var a: Int32 = 0
        /// `string b = 2;`
        public var b: String = ""
        /// `repeated sint64 c = 3;`
        public var c: [Int64] = []
        /// `TestEnum e = 4;`
        public var e: TestEnum = .unspecified
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.int32(1, a)
            sink.string(2, b)
            sink.sint64(3, c)
            sink.enumField(4, e)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.int32(tag, into: &a)
            case 2: try reader.string(tag, into: &b)
            case 3: try reader.sint64(tag, into: &c)
            case 4: try reader.enumField(tag, into: &e)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `int32 singular_int32 = 1;`
    public var singularInt32: Int32 = 0
    /// `int64 singular_int64 = 2;`
    public var singularInt64: Int64 = 0
    /// `uint32 singular_uint32 = 3;`
    public var singularUint32: UInt32 = 0
    /// `uint64 singular_uint64 = 4;`
    public var singularUint64: UInt64 = 0
    /// `sint32 singular_sint32 = 5;`
    public var singularSint32: Int32 = 0
    /// `sint64 singular_sint64 = 6;`
    public var singularSint64: Int64 = 0
    /// `fixed32 singular_fixed32 = 7;`
    public var singularFixed32: UInt32 = 0
    /// `fixed64 singular_fixed64 = 8;`
    public var singularFixed64: UInt64 = 0
    /// `sfixed32 singular_sfixed32 = 9;`
    public var singularSfixed32: Int32 = 0
    /// `sfixed64 singular_sfixed64 = 10;`
    public var singularSfixed64: Int64 = 0
    /// `float singular_float = 11;`
    public var singularFloat: Float = 0
    /// `double singular_double = 12;`
    public var singularDouble: Double = 0
    /// `bool singular_bool = 13;`
    public var singularBool: Bool = false
    /// `string singular_string = 14;`
    public var singularString: String = ""
    /// `bytes singular_bytes = 15;`
    public var singularBytes: [UInt8] = []
    /// `TestEnum singular_enum = 16;`
    public var singularEnum: TestEnum = .unspecified
    /// `Nested singular_nested = 17;`
    public var singularNested: Nested?
    /// `AllTypes child = 18;` (recursive, so stored out of line)
    @Indirect public var child: AllTypes?
    /// `optional int32 optional_int32 = 21;`
    public var optionalInt32: Int32?
    /// `optional int64 optional_int64 = 22;`
    public var optionalInt64: Int64?
    /// `optional uint32 optional_uint32 = 23;`
    public var optionalUint32: UInt32?
    /// `optional uint64 optional_uint64 = 24;`
    public var optionalUint64: UInt64?
    /// `optional sint32 optional_sint32 = 25;`
    public var optionalSint32: Int32?
    /// `optional sint64 optional_sint64 = 26;`
    public var optionalSint64: Int64?
    /// `optional fixed32 optional_fixed32 = 27;`
    public var optionalFixed32: UInt32?
    /// `optional fixed64 optional_fixed64 = 28;`
    public var optionalFixed64: UInt64?
    /// `optional sfixed32 optional_sfixed32 = 29;`
    public var optionalSfixed32: Int32?
    /// `optional sfixed64 optional_sfixed64 = 30;`
    public var optionalSfixed64: Int64?
    /// `optional float optional_float = 31;`
    public var optionalFloat: Float?
    /// `optional double optional_double = 32;`
    public var optionalDouble: Double?
    /// `optional bool optional_bool = 33;`
    public var optionalBool: Bool?
    /// `optional string optional_string = 34;`
    public var optionalString: String?
    /// `optional bytes optional_bytes = 35;`
    public var optionalBytes: [UInt8]?
    /// `optional TestEnum optional_enum = 36;`
    public var optionalEnum: TestEnum?
    /// `repeated int32 repeated_int32 = 41;`
    public var repeatedInt32: [Int32] = []
    /// `repeated int64 repeated_int64 = 42;`
    public var repeatedInt64: [Int64] = []
    /// `repeated uint32 repeated_uint32 = 43;`
    public var repeatedUint32: [UInt32] = []
    /// `repeated uint64 repeated_uint64 = 44;`
    public var repeatedUint64: [UInt64] = []
    /// `repeated sint32 repeated_sint32 = 45;`
    public var repeatedSint32: [Int32] = []
    /// `repeated sint64 repeated_sint64 = 46;`
    public var repeatedSint64: [Int64] = []
    /// `repeated fixed32 repeated_fixed32 = 47;`
    public var repeatedFixed32: [UInt32] = []
    /// `repeated fixed64 repeated_fixed64 = 48;`
    public var repeatedFixed64: [UInt64] = []
    /// `repeated sfixed32 repeated_sfixed32 = 49;`
    public var repeatedSfixed32: [Int32] = []
    /// `repeated sfixed64 repeated_sfixed64 = 50;`
    public var repeatedSfixed64: [Int64] = []
    /// `repeated float repeated_float = 51;`
    public var repeatedFloat: [Float] = []
    /// `repeated double repeated_double = 52;`
    public var repeatedDouble: [Double] = []
    /// `repeated bool repeated_bool = 53;`
    public var repeatedBool: [Bool] = []
    /// `repeated string repeated_string = 54;`
    public var repeatedString: [String] = []
    /// `repeated bytes repeated_bytes = 55;`
    public var repeatedBytes: [[UInt8]] = []
    /// `repeated TestEnum repeated_enum = 56;`
    public var repeatedEnum: [TestEnum] = []
    /// `repeated Nested repeated_nested = 57;`
    public var repeatedNested: [Nested] = []
    /// `repeated int32 unpacked_int32 = 61 [packed = false];`
    public var unpackedInt32: [Int32] = []
    /// `repeated sint64 unpacked_sint64 = 62 [packed = false];`
    public var unpackedSint64: [Int64] = []
    /// `repeated fixed32 unpacked_fixed32 = 63 [packed = false];`
    public var unpackedFixed32: [UInt32] = []
    /// `repeated double unpacked_double = 64 [packed = false];`
    public var unpackedDouble: [Double] = []
    /// `repeated bool unpacked_bool = 65 [packed = false];`
    public var unpackedBool: [Bool] = []
    /// `repeated TestEnum unpacked_enum = 66 [packed = false];`
    public var unpackedEnum: [TestEnum] = []
    /// `map<string, string> map_string_string = 71;`
    public var mapStringString: [String: String] = [:]
    /// `map<int32, int32> map_int32_int32 = 72;`
    public var mapInt32Int32: [Int32: Int32] = [:]
    /// `map<int64, bytes> map_int64_bytes = 73;`
    public var mapInt64Bytes: [Int64: [UInt8]] = [:]
    /// `map<uint32, Nested> map_uint32_nested = 74;`
    public var mapUint32Nested: [UInt32: Nested] = [:]
    /// `map<uint64, TestEnum> map_uint64_enum = 75;`
    public var mapUint64Enum: [UInt64: TestEnum] = [:]
    /// `map<string, Nested> map_string_nested = 76;`
    public var mapStringNested: [String: Nested] = [:]
    /// `map<int32, string> map_int32_string = 77;`
    public var mapInt32String: [Int32: String] = [:]
    /// `map<string, bytes> map_string_bytes = 78;`
    public var mapStringBytes: [String: [UInt8]] = [:]
    /// `oneof choice { uint32 oneof_uint32 = 111; string oneof_string = 112; bytes oneof_bytes = 113;
    /// Nested oneof_nested = 114; TestEnum oneof_enum = 115; double oneof_double = 116; bool oneof_bool = 117; }`
    public enum Choice: Sendable, Equatable {
        case oneofUint32(UInt32)
        case oneofString(String)
        case oneofBytes([UInt8])
        case oneofNested(Nested)
        case oneofEnum(TestEnum)
        case oneofDouble(Double)
        case oneofBool(Bool)
    }
    /// The member of `choice` that is set, if any.
    public var choice: Choice?
    /// `int64 tag_first_three_bytes = 2048;`
    public var tagFirstThreeBytes: Int64 = 0
    /// `string tag_three_bytes = 16000;`
    public var tagThreeBytes: String = ""
    /// `sint32 tag_max_field_number = 536870911;`
    public var tagMaxFieldNumber: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, singularInt32)
        sink.int64(2, singularInt64)
        sink.uint32(3, singularUint32)
        sink.uint64(4, singularUint64)
        sink.sint32(5, singularSint32)
        sink.sint64(6, singularSint64)
        sink.fixed32(7, singularFixed32)
        sink.fixed64(8, singularFixed64)
        sink.sfixed32(9, singularSfixed32)
        sink.sfixed64(10, singularSfixed64)
        sink.float(11, singularFloat)
        sink.double(12, singularDouble)
        sink.bool(13, singularBool)
        sink.string(14, singularString)
        sink.bytes(15, singularBytes)
        sink.enumField(16, singularEnum)
        sink.message(17, singularNested)
        sink.message(18, child)
        sink.int32(21, optionalInt32)
        sink.int64(22, optionalInt64)
        sink.uint32(23, optionalUint32)
        sink.uint64(24, optionalUint64)
        sink.sint32(25, optionalSint32)
        sink.sint64(26, optionalSint64)
        sink.fixed32(27, optionalFixed32)
        sink.fixed64(28, optionalFixed64)
        sink.sfixed32(29, optionalSfixed32)
        sink.sfixed64(30, optionalSfixed64)
        sink.float(31, optionalFloat)
        sink.double(32, optionalDouble)
        sink.bool(33, optionalBool)
        sink.string(34, optionalString)
        sink.bytes(35, optionalBytes)
        sink.enumField(36, optionalEnum)
        sink.int32(41, repeatedInt32)
        sink.int64(42, repeatedInt64)
        sink.uint32(43, repeatedUint32)
        sink.uint64(44, repeatedUint64)
        sink.sint32(45, repeatedSint32)
        sink.sint64(46, repeatedSint64)
        sink.fixed32(47, repeatedFixed32)
        sink.fixed64(48, repeatedFixed64)
        sink.sfixed32(49, repeatedSfixed32)
        sink.sfixed64(50, repeatedSfixed64)
        sink.float(51, repeatedFloat)
        sink.double(52, repeatedDouble)
        sink.bool(53, repeatedBool)
        sink.string(54, repeatedString)
        sink.bytes(55, repeatedBytes)
        sink.enumField(56, repeatedEnum)
        sink.message(57, repeatedNested)
        for v in unpackedInt32 { sink.int32(61, Optional(v)) }
        for v in unpackedSint64 { sink.sint64(62, Optional(v)) }
        for v in unpackedFixed32 { sink.fixed32(63, Optional(v)) }
        for v in unpackedDouble { sink.double(64, Optional(v)) }
        for v in unpackedBool { sink.bool(65, Optional(v)) }
        for v in unpackedEnum { sink.enumField(66, Optional(v)) }
        sink.map(71, mapStringString)
        sink.map(72, mapInt32Int32)
        sink.map(73, mapInt64Bytes)
        sink.map(74, mapUint32Nested)
        sink.map(75, mapUint64Enum)
        sink.map(76, mapStringNested)
        sink.map(77, mapInt32String)
        sink.map(78, mapStringBytes)
        switch choice {
        case .oneofUint32(let v)?: sink.uint32(111, Optional(v))
        case .oneofString(let v)?: sink.string(112, Optional(v))
        case .oneofBytes(let v)?: sink.bytes(113, Optional(v))
        case .oneofNested(let v)?: sink.message(114, v)
        case .oneofEnum(let v)?: sink.enumField(115, Optional(v))
        case .oneofDouble(let v)?: sink.double(116, Optional(v))
        case .oneofBool(let v)?: sink.bool(117, Optional(v))
        case nil: break
        }
        sink.int64(2048, tagFirstThreeBytes)
        sink.string(16000, tagThreeBytes)
        sink.sint32(536_870_911, tagMaxFieldNumber)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &singularInt32)
        case 2: try reader.int64(tag, into: &singularInt64)
        case 3: try reader.uint32(tag, into: &singularUint32)
        case 4: try reader.uint64(tag, into: &singularUint64)
        case 5: try reader.sint32(tag, into: &singularSint32)
        case 6: try reader.sint64(tag, into: &singularSint64)
        case 7: try reader.fixed32(tag, into: &singularFixed32)
        case 8: try reader.fixed64(tag, into: &singularFixed64)
        case 9: try reader.sfixed32(tag, into: &singularSfixed32)
        case 10: try reader.sfixed64(tag, into: &singularSfixed64)
        case 11: try reader.float(tag, into: &singularFloat)
        case 12: try reader.double(tag, into: &singularDouble)
        case 13: try reader.bool(tag, into: &singularBool)
        case 14: try reader.string(tag, into: &singularString)
        case 15: try reader.bytes(tag, into: &singularBytes)
        case 16: try reader.enumField(tag, into: &singularEnum)
        case 17: try reader.message(tag, into: &singularNested)
        case 18: try reader.message(tag, into: &child)
        case 21: try reader.int32(tag, into: &optionalInt32)
        case 22: try reader.int64(tag, into: &optionalInt64)
        case 23: try reader.uint32(tag, into: &optionalUint32)
        case 24: try reader.uint64(tag, into: &optionalUint64)
        case 25: try reader.sint32(tag, into: &optionalSint32)
        case 26: try reader.sint64(tag, into: &optionalSint64)
        case 27: try reader.fixed32(tag, into: &optionalFixed32)
        case 28: try reader.fixed64(tag, into: &optionalFixed64)
        case 29: try reader.sfixed32(tag, into: &optionalSfixed32)
        case 30: try reader.sfixed64(tag, into: &optionalSfixed64)
        case 31: try reader.float(tag, into: &optionalFloat)
        case 32: try reader.double(tag, into: &optionalDouble)
        case 33: try reader.bool(tag, into: &optionalBool)
        case 34: try reader.string(tag, into: &optionalString)
        case 35: try reader.bytes(tag, into: &optionalBytes)
        case 36: try reader.enumField(tag, into: &optionalEnum)
        case 41: try reader.int32(tag, into: &repeatedInt32)
        case 42: try reader.int64(tag, into: &repeatedInt64)
        case 43: try reader.uint32(tag, into: &repeatedUint32)
        case 44: try reader.uint64(tag, into: &repeatedUint64)
        case 45: try reader.sint32(tag, into: &repeatedSint32)
        case 46: try reader.sint64(tag, into: &repeatedSint64)
        case 47: try reader.fixed32(tag, into: &repeatedFixed32)
        case 48: try reader.fixed64(tag, into: &repeatedFixed64)
        case 49: try reader.sfixed32(tag, into: &repeatedSfixed32)
        case 50: try reader.sfixed64(tag, into: &repeatedSfixed64)
        case 51: try reader.float(tag, into: &repeatedFloat)
        case 52: try reader.double(tag, into: &repeatedDouble)
        case 53: try reader.bool(tag, into: &repeatedBool)
        case 54: try reader.string(tag, into: &repeatedString)
        case 55: try reader.bytes(tag, into: &repeatedBytes)
        case 56: try reader.enumField(tag, into: &repeatedEnum)
        case 57: try reader.message(tag, into: &repeatedNested)
        case 61: try reader.int32(tag, into: &unpackedInt32)
        case 62: try reader.sint64(tag, into: &unpackedSint64)
        case 63: try reader.fixed32(tag, into: &unpackedFixed32)
        case 64: try reader.double(tag, into: &unpackedDouble)
        case 65: try reader.bool(tag, into: &unpackedBool)
        case 66: try reader.enumField(tag, into: &unpackedEnum)
        case 71: try reader.map(tag, into: &mapStringString)
        case 72: try reader.map(tag, into: &mapInt32Int32)
        case 73: try reader.map(tag, into: &mapInt64Bytes)
        case 74: try reader.map(tag, into: &mapUint32Nested)
        case 75: try reader.map(tag, into: &mapUint64Enum)
        case 76: try reader.map(tag, into: &mapStringNested)
        case 77: try reader.map(tag, into: &mapInt32String)
        case 78: try reader.map(tag, into: &mapStringBytes)
        case 111: choice = .oneofUint32(try reader.uint32(tag))
        case 112: choice = .oneofString(try reader.string(tag))
        case 113: choice = .oneofBytes(try reader.bytes(tag))
        case 114:
            var v = Nested()
            if case .oneofNested(let old)? = choice { v = old }
            try reader.message(tag, into: &v)
            choice = .oneofNested(v)
        case 115: choice = .oneofEnum(try reader.enumField(tag))
        case 116: choice = .oneofDouble(try reader.double(tag))
        case 117: choice = .oneofBool(try reader.bool(tag))
        case 2048: try reader.int64(tag, into: &tagFirstThreeBytes)
        case 16000: try reader.string(tag, into: &tagThreeBytes)
        case 536_870_911: try reader.sint32(tag, into: &tagMaxFieldNumber)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
