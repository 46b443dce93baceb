// Codecs for Protos/grpc/health/v1/health.proto.
public import ProtoWire

extension Grpc.Health.V1 {
    /// `grpc.health.v1.HealthCheckRequest`: which service's health is asked for.
    public struct HealthCheckRequest: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.health.v1.HealthCheckRequest"
        /// `string service = 1;`
        public var service: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a request for `service` ("" for the server as a whole).
        public init(service: String) {
            self.service = service
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, service)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &service)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `grpc.health.v1.HealthCheckResponse`: the health of one service.
    public struct HealthCheckResponse: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.health.v1.HealthCheckResponse"

        /// `grpc.health.v1.HealthCheckResponse.ServingStatus`: whether a service can serve calls.
        /// The official value names carry no type prefix, so the cases are their lowerCamelCase
        /// (`SERVING` is `.serving`) and the zero value is `.unknown`, not `.unspecified`.
        public enum ServingStatus: ProtoEnum {
            case unknown  // 0
            case serving  // 1
            case notServing  // 2
            case serviceUnknown  // 3
            /// A number this version of the code does not know.
            case unrecognized(Int32)

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unknown
                case 1: self = .serving
                case 2: self = .notServing
                case 3: self = .serviceUnknown
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unknown: 0
                case .serving: 1
                case .notServing: 2
                case .serviceUnknown: 3
                case .unrecognized(let value): value
                }
            }
        }

        /// `ServingStatus status = 1;`
        public var status: ServingStatus = .unknown
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a response with `status`.
        public init(status: ServingStatus) {
            self.status = status
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.enumField(1, status)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.enumField(tag, into: &status)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `grpc.health.v1.HealthListRequest`: asks for the health of every known service; no fields.
    public struct HealthListRequest: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.health.v1.HealthListRequest"
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

    /// `grpc.health.v1.HealthListResponse`: the health of every service the server knows.
    public struct HealthListResponse: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.health.v1.HealthListResponse"
        /// `map<string, HealthCheckResponse> statuses = 1;`
        public var statuses: [String: HealthCheckResponse] = [:]
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a response with `statuses`, keyed by service name.
        public init(statuses: [String: HealthCheckResponse]) {
            self.statuses = statuses
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.map(1, statuses)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.map(tag, into: &statuses)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
