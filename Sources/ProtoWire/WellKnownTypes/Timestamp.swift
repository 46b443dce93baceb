extension Google.Protobuf {
    /// `google.protobuf.Timestamp`: a point in time, seconds and nanoseconds since the Unix epoch (UTC).
    public struct Timestamp: ProtoMessage, Hashable {
        /// Seconds since 1970-01-01T00:00:00Z. `int64 seconds = 1;`
        public var seconds: Int64 = 0
        /// Non-negative fractions of a second, 0 ... 999,999,999. `int32 nanos = 2;`
        public var nanos: Int32 = 0
        public static let protoMessageName = "google.protobuf.Timestamp"
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a timestamp from its two parts.
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
