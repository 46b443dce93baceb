// Codecs for the inbound-stream messages of Protos/relay/v1/inbound_service.proto.

/// `relay.v1.StreamInboundRequest`: the request of `InboundService.StreamInbound`.
public struct StreamInboundRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.StreamInboundRequest"
    /// `repeated string route_ids = 1;`
    public var routeIDs: [String] = []
    /// `repeated RouteDestination destinations = 2;`
    public var destinations: [RouteDestination] = []
    /// `string resume_cursor = 3;`
    public var resumeCursor: String = ""
    /// `google.protobuf.Timestamp start_time = 4;`
    public var startTime: Timestamp?
    /// `InboundMessageView view = 5;`
    public var view: InboundMessageView = .unspecified
    /// `google.protobuf.Duration heartbeat_interval = 6;`
    public var heartbeatInterval: Google.Protobuf.Duration?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, routeIDs)
        sink.enumField(2, destinations)
        sink.string(3, resumeCursor)
        sink.message(4, startTime)
        sink.enumField(5, view)
        sink.message(6, heartbeatInterval)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &routeIDs)
        case 2: try reader.enumField(tag, into: &destinations)
        case 3: try reader.string(tag, into: &resumeCursor)
        case 4: try reader.message(tag, into: &startTime)
        case 5: try reader.enumField(tag, into: &view)
        case 6: try reader.message(tag, into: &heartbeatInterval)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.StreamInboundResponse`: one message of the `InboundService.StreamInbound` stream.
public struct StreamInboundResponse: ProtoMessage {
    public static let protoMessageName = "relay.v1.StreamInboundResponse"

    /// `relay.v1.StreamInboundResponse.Heartbeat`: a keep-alive sent when the stream is idle.
    public struct Heartbeat: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.StreamInboundResponse.Heartbeat"
        /// `google.protobuf.Timestamp server_time = 1;`
        public var serverTime: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, serverTime)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &serverTime)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `oneof payload { InboundMessage inbound_message = 2; Heartbeat heartbeat = 3; }`
    public enum Payload: Sendable, Equatable {
        case inboundMessage(InboundMessage)
        case heartbeat(Heartbeat)
    }

    /// `string cursor = 1;`
    public var cursor: String = ""
    /// What this response carries (fields 2 and 3); nil means nothing was set.
    public var payload: Payload?
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a stream response at `cursor` carrying `payload`.
    public init(cursor: String, _ payload: Payload) {
        self.cursor = cursor
        self.payload = payload
    }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, cursor)
        switch payload {
        case .inboundMessage(let v)?: sink.message(2, v)
        case .heartbeat(let v)?: sink.message(3, v)
        case nil: break
        }
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &cursor)
        case 2:
            var v = InboundMessage()
            if case .inboundMessage(let old)? = payload { v = old }
            try reader.message(tag, into: &v)
            payload = .inboundMessage(v)
        case 3:
            var v = Heartbeat()
            if case .heartbeat(let old)? = payload { v = old }
            try reader.message(tag, into: &v)
            payload = .heartbeat(v)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
