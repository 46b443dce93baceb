// Codecs for the route resource of Protos/relay/v1/inbound_service.proto.

/// `relay.v1.Route`: a rule that sends the mail received for matching recipients to a destination.
public struct Route: ProtoMessage {
    public static let protoMessageName = "relay.v1.Route"

    /// `relay.v1.Route.HelpdeskTicketSettings`: settings of `RouteDestination.helpdeskTicket`.
    public struct HelpdeskTicketSettings: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.Route.HelpdeskTicketSettings"
        /// `string queue_id = 1;`
        public var queueID: String = ""
        /// `repeated string tags = 2;`
        public var tags: [String] = []
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, queueID)
            sink.string(2, tags)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &queueID)
            case 2: try reader.string(tag, into: &tags)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `relay.v1.Route.CrmActivitySettings`: settings of `RouteDestination.crmActivity`.
    public struct CrmActivitySettings: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.Route.CrmActivitySettings"
        /// `string board_id = 1;`
        public var boardID: String = ""
        /// `bool create_unknown_contacts = 2;`
        public var createUnknownContacts: Bool = false
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, boardID)
            sink.bool(2, createUnknownContacts)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &boardID)
            case 2: try reader.bool(tag, into: &createUnknownContacts)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `relay.v1.Route.PortalReplySettings`: settings of `RouteDestination.portalReply`.
    public struct PortalReplySettings: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.Route.PortalReplySettings"
        /// `string portal_id = 1;`
        public var portalID: String = ""
        /// `bool require_thread_match = 2;`
        public var requireThreadMatch: Bool = false
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, portalID)
            sink.bool(2, requireThreadMatch)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &portalID)
            case 2: try reader.bool(tag, into: &requireThreadMatch)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `relay.v1.Route.WebhookSettings`: settings of `RouteDestination.webhook`.
    public struct WebhookSettings: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.Route.WebhookSettings"
        /// `string endpoint_url = 1;`
        public var endpointURL: String = ""
        /// `string signing_secret = 2;`
        public var signingSecret: String = ""
        /// `map<string, string> http_headers = 3;`
        public var httpHeaders: [String: String] = [:]
        /// `bool include_raw_mime = 4;`
        public var includeRawMime: Bool = false
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, endpointURL)
            sink.string(2, signingSecret)
            sink.map(3, httpHeaders)
            sink.bool(4, includeRawMime)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &endpointURL)
            case 2: try reader.string(tag, into: &signingSecret)
            case 3: try reader.map(tag, into: &httpHeaders)
            case 4: try reader.bool(tag, into: &includeRawMime)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `oneof destination_settings { HelpdeskTicketSettings helpdesk_ticket = 6;
    /// CrmActivitySettings crm_activity = 7; PortalReplySettings portal_reply = 8;
    /// WebhookSettings webhook = 9; }`
    public enum DestinationSettings: Sendable, Equatable {
        case helpdeskTicket(HelpdeskTicketSettings)
        case crmActivity(CrmActivitySettings)
        case portalReply(PortalReplySettings)
        case webhook(WebhookSettings)
    }

    /// `string route_id = 1;`
    public var routeID: String = ""
    /// `string match_pattern = 2;`
    public var matchPattern: String = ""
    /// `string description = 3;`
    public var description: String = ""
    /// `int32 priority = 4;`
    public var priority: Int32 = 0
    /// `RouteDestination destination = 5;`
    public var destination: RouteDestination = .unspecified
    /// The settings of the destination (fields 6 to 9); nil means none was set.
    public var destinationSettings: DestinationSettings?
    /// `bool enabled = 10;`
    public var enabled: Bool = false
    /// `SpamHandling spam_handling = 11;`
    public var spamHandling: SpamHandling = .unspecified
    /// `optional double spam_score_threshold = 12;`
    public var spamScoreThreshold: Double?
    /// `bool enforce_dmarc_reject = 13;`
    public var enforceDmarcReject: Bool = false
    /// `google.protobuf.Timestamp create_time = 14;`
    public var createTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, routeID)
        sink.string(2, matchPattern)
        sink.string(3, description)
        sink.int32(4, priority)
        sink.enumField(5, destination)
        switch destinationSettings {
        case .helpdeskTicket(let v)?: sink.message(6, v)
        case .crmActivity(let v)?: sink.message(7, v)
        case .portalReply(let v)?: sink.message(8, v)
        case .webhook(let v)?: sink.message(9, v)
        case nil: break
        }
        sink.bool(10, enabled)
        sink.enumField(11, spamHandling)
        sink.double(12, spamScoreThreshold)
        sink.bool(13, enforceDmarcReject)
        sink.message(14, createTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &routeID)
        case 2: try reader.string(tag, into: &matchPattern)
        case 3: try reader.string(tag, into: &description)
        case 4: try reader.int32(tag, into: &priority)
        case 5: try reader.enumField(tag, into: &destination)
        case 6:
            var v = HelpdeskTicketSettings()
            if case .helpdeskTicket(let old)? = destinationSettings { v = old }
            try reader.message(tag, into: &v)
            destinationSettings = .helpdeskTicket(v)
        case 7:
            var v = CrmActivitySettings()
            if case .crmActivity(let old)? = destinationSettings { v = old }
            try reader.message(tag, into: &v)
            destinationSettings = .crmActivity(v)
        case 8:
            var v = PortalReplySettings()
            if case .portalReply(let old)? = destinationSettings { v = old }
            try reader.message(tag, into: &v)
            destinationSettings = .portalReply(v)
        case 9:
            var v = WebhookSettings()
            if case .webhook(let old)? = destinationSettings { v = old }
            try reader.message(tag, into: &v)
            destinationSettings = .webhook(v)
        case 10: try reader.bool(tag, into: &enabled)
        case 11: try reader.enumField(tag, into: &spamHandling)
        case 12: try reader.double(tag, into: &spamScoreThreshold)
        case 13: try reader.bool(tag, into: &enforceDmarcReject)
        case 14: try reader.message(tag, into: &createTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
