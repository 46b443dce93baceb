extension Google.Protobuf {
    /// `google.protobuf.Any`: a message of any type, named by URL, with its encoded bytes.
    public struct `Any`: ProtoMessage, Hashable {
        /// `type.googleapis.com/` followed by the full name of the packed message. `string type_url = 1;`
        public var typeURL: String = ""
        /// The packed message's binary encoding. `bytes value = 2;`
        public var value: [UInt8] = []
        public static let protoMessageName = "google.protobuf.Any"
        public var unknownFields = UnknownFields()

        public init() {}

        /// Packs `message` under the URL `type.googleapis.com/<its full name>`.
        public init<M: ProtoMessage>(packing message: M) {
            typeURL = "type.googleapis.com/" + M.protoMessageName
            value = message.serializedBytes()
        }

        /// Whether the packed message is an `M`.
        public func holds<M: ProtoMessage>(_: M.Type) -> Bool {
            typeURL.hasSuffix("/" + M.protoMessageName)
        }

        /// Unpacks the value as `M`; nil when it holds another type.
        public func unpack<M: ProtoMessage>(_: M.Type) throws(ProtoDecodingError) -> M? {
            guard holds(M.self) else { return nil }
            return try M(serializedBytes: value)
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, typeURL)
            sink.bytes(2, value)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &typeURL)
            case 2: try reader.bytes(tag, into: &value)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
