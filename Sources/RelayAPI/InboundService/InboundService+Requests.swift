// Codecs for the requests and responses of Protos/relay/v1/inbound_service.proto.

/// `relay.v1.CreateRouteRequest`: the request of `InboundService.CreateRoute`.
public struct CreateRouteRequest: ProtoMessage {
    public static let protoMessageName = "relay.v1.CreateRouteRequest"
    /// `Route route = 1;`
    public var route: Route?
    /// `string request_id = 2;`
    public var requestID: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, route)
        sink.string(2, requestID)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &route)
        case 2: try reader.string(tag, into: &requestID)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.CreateRouteResponse`: the response of `InboundService.CreateRoute`.
public struct CreateRouteResponse: ProtoMessage {
    public static let protoMessageName = "relay.v1.CreateRouteResponse"
    /// `Route route = 1;`
    public var route: Route?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, route)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &route)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListRoutesRequest`: the request of `InboundService.ListRoutes`.
public struct ListRoutesRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListRoutesRequest"
    /// `int32 page_size = 1;`
    public var pageSize: Int32 = 0
    /// `string page_token = 2;`
    public var pageToken: String = ""
    /// `RouteDestination destination = 3;`
    public var destination: RouteDestination = .unspecified
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, pageSize)
        sink.string(2, pageToken)
        sink.enumField(3, destination)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &pageSize)
        case 2: try reader.string(tag, into: &pageToken)
        case 3: try reader.enumField(tag, into: &destination)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListRoutesResponse`: the response of `InboundService.ListRoutes`.
public struct ListRoutesResponse: ProtoMessage {
    public static let protoMessageName = "relay.v1.ListRoutesResponse"
    /// `repeated Route routes = 1;`
    public var routes: [Route] = []
    /// `string next_page_token = 2;`
    public var nextPageToken: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, routes)
        sink.string(2, nextPageToken)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &routes)
        case 2: try reader.string(tag, into: &nextPageToken)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DeleteRouteRequest`: the request of `InboundService.DeleteRoute`.
public struct DeleteRouteRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeleteRouteRequest"
    /// `string route_id = 1;`
    public var routeID: String = ""
    /// `bool allow_missing = 2;`
    public var allowMissing: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, routeID)
        sink.bool(2, allowMissing)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &routeID)
        case 2: try reader.bool(tag, into: &allowMissing)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DeleteRouteResponse`: the empty response of `InboundService.DeleteRoute`.
public struct DeleteRouteResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeleteRouteResponse"
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

/// `relay.v1.ListInboundMessagesRequest`: the request of `InboundService.ListInboundMessages`.
public struct ListInboundMessagesRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListInboundMessagesRequest"
    /// `int32 page_size = 1;`
    public var pageSize: Int32 = 0
    /// `string page_token = 2;`
    public var pageToken: String = ""
    /// `repeated string route_ids = 3;`
    public var routeIDs: [String] = []
    /// `google.protobuf.Timestamp start_time = 4;`
    public var startTime: Timestamp?
    /// `google.protobuf.Timestamp end_time = 5;`
    public var endTime: Timestamp?
    /// `repeated InboundDeliveryState delivery_states = 6;`
    public var deliveryStates: [InboundDeliveryState] = []
    /// `string thread_message_id = 7;`
    public var threadMessageID: String = ""
    /// `InboundMessageView view = 8;`
    public var view: InboundMessageView = .unspecified
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, pageSize)
        sink.string(2, pageToken)
        sink.string(3, routeIDs)
        sink.message(4, startTime)
        sink.message(5, endTime)
        sink.enumField(6, deliveryStates)
        sink.string(7, threadMessageID)
        sink.enumField(8, view)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &pageSize)
        case 2: try reader.string(tag, into: &pageToken)
        case 3: try reader.string(tag, into: &routeIDs)
        case 4: try reader.message(tag, into: &startTime)
        case 5: try reader.message(tag, into: &endTime)
        case 6: try reader.enumField(tag, into: &deliveryStates)
        case 7: try reader.string(tag, into: &threadMessageID)
        case 8: try reader.enumField(tag, into: &view)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListInboundMessagesResponse`: the response of `InboundService.ListInboundMessages`.
public struct ListInboundMessagesResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListInboundMessagesResponse"
    /// `repeated InboundMessage inbound_messages = 1;`
    public var inboundMessages: [InboundMessage] = []
    /// `string next_page_token = 2;`
    public var nextPageToken: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, inboundMessages)
        sink.string(2, nextPageToken)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &inboundMessages)
        case 2: try reader.string(tag, into: &nextPageToken)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
