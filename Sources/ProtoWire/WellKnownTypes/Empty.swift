extension Google.Protobuf {
    /// `google.protobuf.Empty`: a message with no fields.
    public struct Empty: ProtoMessage, Hashable {
        public static let protoMessageName = "google.protobuf.Empty"
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            try reader.skip(tag, into: &unknownFields)
        }
    }
}
