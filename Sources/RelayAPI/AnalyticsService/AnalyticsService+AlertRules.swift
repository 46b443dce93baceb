// Codecs for the alert-rule messages of Protos/relay/v1/analytics_service.proto.

/// `relay.v1.AlertRule`: a condition on a delivery metric and where to notify when it holds.
public struct AlertRule: ProtoMessage {
    public static let protoMessageName = "relay.v1.AlertRule"

    /// `relay.v1.AlertRule.NotificationChannel`: one place an alert notification is sent to.
    public struct NotificationChannel: ProtoMessage {
        public static let protoMessageName = "relay.v1.AlertRule.NotificationChannel"

        /// `oneof target { string webhook_url = 1; string email_address = 2; string event_bus_topic = 3; }`
        public enum Target: Sendable, Equatable {
            case webhookURL(String)
            case emailAddress(String)
            case eventBusTopic(String)
        }

        /// The destination; nil means none was set.
        public var target: Target?
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a channel for `target`.
        public init(_ target: Target) { self.target = target }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            switch target {
            case .webhookURL(let v)?: sink.string(1, Optional(v))
            case .emailAddress(let v)?: sink.string(2, Optional(v))
            case .eventBusTopic(let v)?: sink.string(3, Optional(v))
            case nil: break
            }
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: target = .webhookURL(try reader.string(tag))
            case 2: target = .emailAddress(try reader.string(tag))
            case 3: target = .eventBusTopic(try reader.string(tag))
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `string alert_rule_id = 1;`
    public var alertRuleID: String = ""
    /// `string name = 2;`
    public var name: String = ""
    /// `AlertMetric metric = 3;`
    public var metric: AlertMetric = .unspecified
    /// `AlertComparison comparison = 4;`
    public var comparison: AlertComparison = .unspecified
    /// `double threshold = 5;`
    public var threshold: Double = 0
    /// `google.protobuf.Duration window = 6;`
    public var window: Google.Protobuf.Duration?
    /// `string domain = 7;`
    public var domain: String = ""
    /// `string tag = 8;`
    public var tag: String = ""
    /// `repeated NotificationChannel channels = 9;`
    public var channels: [NotificationChannel] = []
    /// `bool enabled = 10;`
    public var enabled: Bool = false
    /// `optional int64 minimum_sample_size = 11;`
    public var minimumSampleSize: Int64?
    /// `google.protobuf.Duration renotify_interval = 12;`
    public var renotifyInterval: Google.Protobuf.Duration?
    /// `google.protobuf.Timestamp create_time = 13;`
    public var createTime: Timestamp?
    /// `google.protobuf.Timestamp update_time = 14;`
    public var updateTime: Timestamp?
    /// `google.protobuf.Timestamp last_triggered_time = 15;`
    public var lastTriggeredTime: Timestamp?
    /// `AlertRuleState state = 16;`
    public var state: AlertRuleState = .unspecified
    /// `double last_value = 17;`
    public var lastValue: Double = 0
    /// `google.protobuf.Timestamp last_evaluate_time = 18;`
    public var lastEvaluateTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, alertRuleID)
        sink.string(2, name)
        sink.enumField(3, metric)
        sink.enumField(4, comparison)
        sink.double(5, threshold)
        sink.message(6, window)
        sink.string(7, domain)
        sink.string(8, tag)
        sink.message(9, channels)
        sink.bool(10, enabled)
        sink.int64(11, minimumSampleSize)
        sink.message(12, renotifyInterval)
        sink.message(13, createTime)
        sink.message(14, updateTime)
        sink.message(15, lastTriggeredTime)
        sink.enumField(16, state)
        sink.double(17, lastValue)
        sink.message(18, lastEvaluateTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &alertRuleID)
        case 2: try reader.string(tag, into: &name)
        case 3: try reader.enumField(tag, into: &metric)
        case 4: try reader.enumField(tag, into: &comparison)
        case 5: try reader.double(tag, into: &threshold)
        case 6: try reader.message(tag, into: &window)
        case 7: try reader.string(tag, into: &domain)
        case 8: try reader.string(tag, into: &self.tag)
        case 9: try reader.message(tag, into: &channels)
        case 10: try reader.bool(tag, into: &enabled)
        case 11: try reader.int64(tag, into: &minimumSampleSize)
        case 12: try reader.message(tag, into: &renotifyInterval)
        case 13: try reader.message(tag, into: &createTime)
        case 14: try reader.message(tag, into: &updateTime)
        case 15: try reader.message(tag, into: &lastTriggeredTime)
        case 16: try reader.enumField(tag, into: &state)
        case 17: try reader.double(tag, into: &lastValue)
        case 18: try reader.message(tag, into: &lastEvaluateTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListAlertRulesRequest`: the request of `AnalyticsService.ListAlertRules`.
public struct ListAlertRulesRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListAlertRulesRequest"
    /// `int32 page_size = 1;`
    public var pageSize: Int32 = 0
    /// `string page_token = 2;`
    public var pageToken: String = ""
    /// `string domain = 3;`
    public var domain: String = ""
    /// `AlertRuleState state = 4;`
    public var state: AlertRuleState = .unspecified
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, pageSize)
        sink.string(2, pageToken)
        sink.string(3, domain)
        sink.enumField(4, state)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &pageSize)
        case 2: try reader.string(tag, into: &pageToken)
        case 3: try reader.string(tag, into: &domain)
        case 4: try reader.enumField(tag, into: &state)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListAlertRulesResponse`: the response of `AnalyticsService.ListAlertRules`.
public struct ListAlertRulesResponse: ProtoMessage {
    public static let protoMessageName = "relay.v1.ListAlertRulesResponse"
    /// `repeated AlertRule alert_rules = 1;`
    public var alertRules: [AlertRule] = []
    /// `string next_page_token = 2;`
    public var nextPageToken: String = ""
    /// `int32 total_size = 3;`
    public var totalSize: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, alertRules)
        sink.string(2, nextPageToken)
        sink.int32(3, totalSize)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &alertRules)
        case 2: try reader.string(tag, into: &nextPageToken)
        case 3: try reader.int32(tag, into: &totalSize)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.UpsertAlertRuleRequest`: the request of `AnalyticsService.UpsertAlertRule`.
public struct UpsertAlertRuleRequest: ProtoMessage {
    public static let protoMessageName = "relay.v1.UpsertAlertRuleRequest"
    /// `AlertRule alert_rule = 1;`
    public var alertRule: AlertRule?
    /// `bool allow_missing = 2;`
    public var allowMissing: Bool = false
    /// `google.protobuf.FieldMask update_mask = 3;`
    public var updateMask: FieldMask?
    /// `string request_id = 4;`
    public var requestID: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, alertRule)
        sink.bool(2, allowMissing)
        sink.message(3, updateMask)
        sink.string(4, requestID)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &alertRule)
        case 2: try reader.bool(tag, into: &allowMissing)
        case 3: try reader.message(tag, into: &updateMask)
        case 4: try reader.string(tag, into: &requestID)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.UpsertAlertRuleResponse`: the response of `AnalyticsService.UpsertAlertRule`.
public struct UpsertAlertRuleResponse: ProtoMessage {
    public static let protoMessageName = "relay.v1.UpsertAlertRuleResponse"
    /// `AlertRule alert_rule = 1;`
    public var alertRule: AlertRule?
    /// `bool created = 2;`
    public var created: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, alertRule)
        sink.bool(2, created)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &alertRule)
        case 2: try reader.bool(tag, into: &created)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DeleteAlertRuleRequest`: the request of `AnalyticsService.DeleteAlertRule`.
public struct DeleteAlertRuleRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeleteAlertRuleRequest"
    /// `string alert_rule_id = 1;`
    public var alertRuleID: String = ""
    /// `bool allow_missing = 2;`
    public var allowMissing: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, alertRuleID)
        sink.bool(2, allowMissing)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &alertRuleID)
        case 2: try reader.bool(tag, into: &allowMissing)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DeleteAlertRuleResponse`: the empty response of `AnalyticsService.DeleteAlertRule`.
public struct DeleteAlertRuleResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeleteAlertRuleResponse"
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
