// Codecs for the delivery-statistics messages of Protos/relay/v1/analytics_service.proto.

/// `relay.v1.DeliveryCounts`: recipients by delivery outcome and engagement over some period.
public struct DeliveryCounts: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeliveryCounts"
    /// `int64 queued = 1;`
    public var queued: Int64 = 0
    /// `int64 sent = 2;`
    public var sent: Int64 = 0
    /// `int64 delivered = 3;`
    public var delivered: Int64 = 0
    /// `int64 deferred = 4;`
    public var deferred: Int64 = 0
    /// `int64 bounced = 5;`
    public var bounced: Int64 = 0
    /// `int64 failed = 6;`
    public var failed: Int64 = 0
    /// `int64 suppressed = 7;`
    public var suppressed: Int64 = 0
    /// `int64 opened = 8;`
    public var opened: Int64 = 0
    /// `int64 clicked = 9;`
    public var clicked: Int64 = 0
    /// `int64 complained = 10;`
    public var complained: Int64 = 0
    /// `int64 unsubscribed = 11;`
    public var unsubscribed: Int64 = 0
    /// `int64 unique_opened = 12;`
    public var uniqueOpened: Int64 = 0
    /// `int64 unique_clicked = 13;`
    public var uniqueClicked: Int64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int64(1, queued)
        sink.int64(2, sent)
        sink.int64(3, delivered)
        sink.int64(4, deferred)
        sink.int64(5, bounced)
        sink.int64(6, failed)
        sink.int64(7, suppressed)
        sink.int64(8, opened)
        sink.int64(9, clicked)
        sink.int64(10, complained)
        sink.int64(11, unsubscribed)
        sink.int64(12, uniqueOpened)
        sink.int64(13, uniqueClicked)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int64(tag, into: &queued)
        case 2: try reader.int64(tag, into: &sent)
        case 3: try reader.int64(tag, into: &delivered)
        case 4: try reader.int64(tag, into: &deferred)
        case 5: try reader.int64(tag, into: &bounced)
        case 6: try reader.int64(tag, into: &failed)
        case 7: try reader.int64(tag, into: &suppressed)
        case 8: try reader.int64(tag, into: &opened)
        case 9: try reader.int64(tag, into: &clicked)
        case 10: try reader.int64(tag, into: &complained)
        case 11: try reader.int64(tag, into: &unsubscribed)
        case 12: try reader.int64(tag, into: &uniqueOpened)
        case 13: try reader.int64(tag, into: &uniqueClicked)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DeliveryRates`: rates derived from a `DeliveryCounts`, each a fraction in 0...1.
public struct DeliveryRates: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeliveryRates"
    /// `double delivery_rate = 1;`
    public var deliveryRate: Double = 0
    /// `double bounce_rate = 2;`
    public var bounceRate: Double = 0
    /// `double complaint_rate = 3;`
    public var complaintRate: Double = 0
    /// `double deferral_rate = 4;`
    public var deferralRate: Double = 0
    /// `double failure_rate = 5;`
    public var failureRate: Double = 0
    /// `double open_rate = 6;`
    public var openRate: Double = 0
    /// `double click_rate = 7;`
    public var clickRate: Double = 0
    /// `double unsubscribe_rate = 8;`
    public var unsubscribeRate: Double = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.double(1, deliveryRate)
        sink.double(2, bounceRate)
        sink.double(3, complaintRate)
        sink.double(4, deferralRate)
        sink.double(5, failureRate)
        sink.double(6, openRate)
        sink.double(7, clickRate)
        sink.double(8, unsubscribeRate)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.double(tag, into: &deliveryRate)
        case 2: try reader.double(tag, into: &bounceRate)
        case 3: try reader.double(tag, into: &complaintRate)
        case 4: try reader.double(tag, into: &deferralRate)
        case 5: try reader.double(tag, into: &failureRate)
        case 6: try reader.double(tag, into: &openRate)
        case 7: try reader.double(tag, into: &clickRate)
        case 8: try reader.double(tag, into: &unsubscribeRate)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DeliveryStatsSeries`: the time buckets of one group of a statistics report.
public struct DeliveryStatsSeries: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeliveryStatsSeries"

    /// `relay.v1.DeliveryStatsSeries.Point`: one time bucket of a series.
    public struct Point: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.DeliveryStatsSeries.Point"
        /// `google.protobuf.Timestamp start_time = 1;`
        public var startTime: Timestamp?
        /// `DeliveryCounts counts = 2;`
        public var counts: DeliveryCounts?
        /// `DeliveryRates rates = 3;`
        public var rates: DeliveryRates?
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, startTime)
            sink.message(2, counts)
            sink.message(3, rates)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &startTime)
            case 2: try reader.message(tag, into: &counts)
            case 3: try reader.message(tag, into: &rates)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `string group_key = 1;`
    public var groupKey: String = ""
    /// `repeated Point points = 2;`
    public var points: [Point] = []
    /// `DeliveryCounts totals = 3;`
    public var totals: DeliveryCounts?
    /// `DeliveryRates rates = 4;`
    public var rates: DeliveryRates?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, groupKey)
        sink.message(2, points)
        sink.message(3, totals)
        sink.message(4, rates)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &groupKey)
        case 2: try reader.message(tag, into: &points)
        case 3: try reader.message(tag, into: &totals)
        case 4: try reader.message(tag, into: &rates)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetDeliveryStatsRequest`: the request of `AnalyticsService.GetDeliveryStats`.
public struct GetDeliveryStatsRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetDeliveryStatsRequest"
    /// `google.protobuf.Timestamp start_time = 1;`
    public var startTime: Timestamp?
    /// `google.protobuf.Timestamp end_time = 2;`
    public var endTime: Timestamp?
    /// `StatsGranularity granularity = 3;`
    public var granularity: StatsGranularity = .unspecified
    /// `repeated string domains = 4;`
    public var domains: [String] = []
    /// `repeated string tags = 5;`
    public var tags: [String] = []
    /// `StatsGroupBy group_by = 6;`
    public var groupBy: StatsGroupBy = .unspecified
    /// `string time_zone = 7;`
    public var timeZone: String = ""
    /// `int32 max_series = 8;`
    public var maxSeries: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, startTime)
        sink.message(2, endTime)
        sink.enumField(3, granularity)
        sink.string(4, domains)
        sink.string(5, tags)
        sink.enumField(6, groupBy)
        sink.string(7, timeZone)
        sink.int32(8, maxSeries)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &startTime)
        case 2: try reader.message(tag, into: &endTime)
        case 3: try reader.enumField(tag, into: &granularity)
        case 4: try reader.string(tag, into: &domains)
        case 5: try reader.string(tag, into: &tags)
        case 6: try reader.enumField(tag, into: &groupBy)
        case 7: try reader.string(tag, into: &timeZone)
        case 8: try reader.int32(tag, into: &maxSeries)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetDeliveryStatsResponse`: the response of `AnalyticsService.GetDeliveryStats`.
public struct GetDeliveryStatsResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetDeliveryStatsResponse"
    /// `repeated DeliveryStatsSeries series = 1;`
    public var series: [DeliveryStatsSeries] = []
    /// `DeliveryCounts totals = 2;`
    public var totals: DeliveryCounts?
    /// `DeliveryRates rates = 3;`
    public var rates: DeliveryRates?
    /// `google.protobuf.Timestamp start_time = 4;`
    public var startTime: Timestamp?
    /// `google.protobuf.Timestamp end_time = 5;`
    public var endTime: Timestamp?
    /// `StatsGranularity granularity = 6;`
    public var granularity: StatsGranularity = .unspecified
    /// `string time_zone = 7;`
    public var timeZone: String = ""
    /// `int32 omitted_series_count = 8;`
    public var omittedSeriesCount: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, series)
        sink.message(2, totals)
        sink.message(3, rates)
        sink.message(4, startTime)
        sink.message(5, endTime)
        sink.enumField(6, granularity)
        sink.string(7, timeZone)
        sink.int32(8, omittedSeriesCount)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &series)
        case 2: try reader.message(tag, into: &totals)
        case 3: try reader.message(tag, into: &rates)
        case 4: try reader.message(tag, into: &startTime)
        case 5: try reader.message(tag, into: &endTime)
        case 6: try reader.enumField(tag, into: &granularity)
        case 7: try reader.string(tag, into: &timeZone)
        case 8: try reader.int32(tag, into: &omittedSeriesCount)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
