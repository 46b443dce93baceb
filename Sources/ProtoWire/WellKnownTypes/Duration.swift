extension Google.Protobuf {
    /// `google.protobuf.Duration`: a signed span of time in seconds and nanoseconds.
    public struct Duration: ProtoMessage, Hashable {
        /// Whole seconds, -315,576,000,000 ... +315,576,000,000. `int64 seconds = 1;`
        public var seconds: Int64 = 0
        /// Fractions of a second with the sign of `seconds`. `int32 nanos = 2;`
        public var nanos: Int32 = 0
        public static let protoMessageName = "google.protobuf.Duration"
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a duration from its two parts.
        public init(seconds: Int64, nanos: Int32 = 0) {
            self.seconds = seconds
            self.nanos = nanos
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.int64(1, seconds)
            sink.int32(2, nanos)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.int64(tag, into: &seconds)
            case 2: try reader.int32(tag, into: &nanos)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
