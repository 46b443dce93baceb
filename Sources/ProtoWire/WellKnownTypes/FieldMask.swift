extension Google.Protobuf {
    /// `google.protobuf.FieldMask`: the field paths an update touches (snake_case, dot-separated).
    public struct FieldMask: ProtoMessage, Hashable {
        /// The paths, such as `display_name` or `limits.per_second`. `repeated string paths = 1;`
        public var paths: [String] = []
        public static let protoMessageName = "google.protobuf.FieldMask"
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a mask of `paths`.
        public init(paths: [String]) { self.paths = paths }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, paths)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &paths)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
