extension Google.Protobuf {
    /// `google.protobuf.NullValue`: the single value of JSON `null`.
    public enum NullValue: ProtoEnum {
        case nullValue  // 0
        /// A number this version of the code does not know.
        case unrecognized(Int32)

        public init(rawValue: Int32) { self = rawValue == 0 ? .nullValue : .unrecognized(rawValue) }

        public var rawValue: Int32 {
            switch self {
            case .nullValue: 0
            case .unrecognized(let value): value
            }
        }
    }

    /// `google.protobuf.Struct`: a JSON object.
    public struct Struct: ProtoMessage, Hashable {
        public static let protoMessageName = "google.protobuf.Struct"
        /// `map<string, Value> fields = 1;`
        public var fields: [String: Value] = [:]
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates an object with `fields`.
        public init(fields: [String: Value]) { self.fields = fields }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.map(1, fields)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.map(tag, into: &fields)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.protobuf.Value`: one JSON value.
    public struct Value: ProtoMessage, Hashable {
        public static let protoMessageName = "google.protobuf.Value"

        /// `oneof kind { NullValue null_value = 1; double number_value = 2; string string_value = 3;
        /// bool bool_value = 4; Struct struct_value = 5; ListValue list_value = 6; }`
        public enum Kind: Sendable, Hashable {
            case nullValue(NullValue)
            case numberValue(Double)
            case stringValue(String)
            case boolValue(Bool)
            case structValue(Struct)
            case listValue(ListValue)
        }

        /// The value; nil means no kind was set.
        public var kind: Kind?
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a value of `kind`.
        public init(_ kind: Kind) { self.kind = kind }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            switch kind {
            case .nullValue(let v)?: sink.enumField(1, Optional(v))
            case .numberValue(let v)?: sink.double(2, Optional(v))
            case .stringValue(let v)?: sink.string(3, Optional(v))
            case .boolValue(let v)?: sink.bool(4, Optional(v))
            case .structValue(let v)?: sink.message(5, v)
            case .listValue(let v)?: sink.message(6, v)
            case nil: break
            }
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: kind = .nullValue(try reader.enumField(tag))
            case 2: kind = .numberValue(try reader.double(tag))
            case 3: kind = .stringValue(try reader.string(tag))
            case 4: kind = .boolValue(try reader.bool(tag))
            case 5:
                var v = Struct()
                if case .structValue(let old)? = kind { v = old }
                try reader.message(tag, into: &v)
                kind = .structValue(v)
            case 6:
                var v = ListValue()
                if case .listValue(let old)? = kind { v = old }
                try reader.message(tag, into: &v)
                kind = .listValue(v)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.protobuf.ListValue`: a JSON array.
    public struct ListValue: ProtoMessage, Hashable {
        public static let protoMessageName = "google.protobuf.ListValue"
        /// `repeated Value values = 1;`
        public var values: [Value] = []
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates an array of `values`.
        public init(values: [Value]) { self.values = values }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, values)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &values)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
