// Codecs for the event-stream messages of Protos/relay/v1/analytics_service.proto.

/// `relay.v1.StreamEventsRequest`: the request of `AnalyticsService.StreamEvents`.
public struct StreamEventsRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.StreamEventsRequest"
    /// `repeated EventType types = 1;`
    public var types: [EventType] = []
    /// `repeated string domains = 2;`
    public var domains: [String] = []
    /// `repeated string tags = 3;`
    public var tags: [String] = []
    /// `string message_id = 4;`
    public var messageID: String = ""
    /// `string resume_cursor = 5;`
    public var resumeCursor: String = ""
    /// `google.protobuf.Timestamp start_time = 6;`
    public var startTime: Timestamp?
    /// `google.protobuf.Duration heartbeat_interval = 7;`
    public var heartbeatInterval: Google.Protobuf.Duration?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.enumField(1, types)
        sink.string(2, domains)
        sink.string(3, tags)
        sink.string(4, messageID)
        sink.string(5, resumeCursor)
        sink.message(6, startTime)
        sink.message(7, heartbeatInterval)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.enumField(tag, into: &types)
        case 2: try reader.string(tag, into: &domains)
        case 3: try reader.string(tag, into: &tags)
        case 4: try reader.string(tag, into: &messageID)
        case 5: try reader.string(tag, into: &resumeCursor)
        case 6: try reader.message(tag, into: &startTime)
        case 7: try reader.message(tag, into: &heartbeatInterval)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.StreamEventsResponse`: one message of the `AnalyticsService.StreamEvents` stream.
public struct StreamEventsResponse: ProtoMessage {
    public static let protoMessageName = "relay.v1.StreamEventsResponse"

    /// `relay.v1.StreamEventsResponse.Heartbeat`: a keep-alive carrying the latest cursor.
    public struct Heartbeat: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.StreamEventsResponse.Heartbeat"
        /// `google.protobuf.Timestamp server_time = 1;`
        public var serverTime: Timestamp?
        /// `string latest_cursor = 2;`
        public var latestCursor: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, serverTime)
            sink.string(2, latestCursor)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &serverTime)
            case 2: try reader.string(tag, into: &latestCursor)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `relay.v1.StreamEventsResponse.Lagged`: the notice that ends a stream that fell behind.
    public struct Lagged: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.StreamEventsResponse.Lagged"
        /// `string last_cursor = 1;`
        public var lastCursor: String = ""
        /// `int64 pending_events = 2;`
        public var pendingEvents: Int64 = 0
        /// `string detail = 3;`
        public var detail: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, lastCursor)
            sink.int64(2, pendingEvents)
            sink.string(3, detail)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &lastCursor)
            case 2: try reader.int64(tag, into: &pendingEvents)
            case 3: try reader.string(tag, into: &detail)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `oneof payload { Event event = 1; Heartbeat heartbeat = 2; Lagged lagged = 3; }`
    public enum Payload: Sendable, Equatable {
        case event(Event)
        case heartbeat(Heartbeat)
        case lagged(Lagged)
    }

    /// What this message carries; nil means nothing was set.
    public var payload: Payload?
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a stream message carrying `payload`.
    public init(_ payload: Payload) { self.payload = payload }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        switch payload {
        case .event(let v)?: sink.message(1, v)
        case .heartbeat(let v)?: sink.message(2, v)
        case .lagged(let v)?: sink.message(3, v)
        case nil: break
        }
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1:
            var v = Event()
            if case .event(let old)? = payload { v = old }
            try reader.message(tag, into: &v)
            payload = .event(v)
        case 2:
            var v = Heartbeat()
            if case .heartbeat(let old)? = payload { v = old }
            try reader.message(tag, into: &v)
            payload = .heartbeat(v)
        case 3:
            var v = Lagged()
            if case .lagged(let old)? = payload { v = old }
            try reader.message(tag, into: &v)
            payload = .lagged(v)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
