public import ProtoWire

extension Google.Rpc {
    /// `google.rpc.Status`: a failed call's code, message and typed details.
    public struct Status: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.Status"
        /// `int32 code = 1;`
        public var code: Int32 = 0
        /// `string message = 2;`
        public var message: String = ""
        /// `repeated google.protobuf.Any details = 3;`
        public var details: [Google.Protobuf.`Any`] = []
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a status.
        public init(code: Int32, message: String, details: [Google.Protobuf.`Any`] = []) {
            self.code = code
            self.message = message
            self.details = details
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.int32(1, code)
            sink.string(2, message)
            sink.message(3, details)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.int32(tag, into: &code)
            case 2: try reader.string(tag, into: &message)
            case 3: try reader.message(tag, into: &details)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
