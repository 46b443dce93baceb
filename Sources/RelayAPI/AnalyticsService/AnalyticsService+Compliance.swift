// Codecs for the compliance-status messages of Protos/relay/v1/analytics_service.proto.

/// `relay.v1.ComplianceThresholds`: the bounce and complaint rates at which a sender is flagged.
public struct ComplianceThresholds: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ComplianceThresholds"
    /// `double bounce_rate_warning = 1;`
    public var bounceRateWarning: Double = 0
    /// `double bounce_rate_critical = 2;`
    public var bounceRateCritical: Double = 0
    /// `double complaint_rate_warning = 3;`
    public var complaintRateWarning: Double = 0
    /// `double complaint_rate_critical = 4;`
    public var complaintRateCritical: Double = 0
    /// `int64 minimum_sample_size = 5;`
    public var minimumSampleSize: Int64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.double(1, bounceRateWarning)
        sink.double(2, bounceRateCritical)
        sink.double(3, complaintRateWarning)
        sink.double(4, complaintRateCritical)
        sink.int64(5, minimumSampleSize)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.double(tag, into: &bounceRateWarning)
        case 2: try reader.double(tag, into: &bounceRateCritical)
        case 3: try reader.double(tag, into: &complaintRateWarning)
        case 4: try reader.double(tag, into: &complaintRateCritical)
        case 5: try reader.int64(tag, into: &minimumSampleSize)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetComplianceStatusRequest`: the request of `AnalyticsService.GetComplianceStatus`.
public struct GetComplianceStatusRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetComplianceStatusRequest"
    /// `string domain = 1;`
    public var domain: String = ""
    /// `google.protobuf.Duration window = 2;`
    public var window: Google.Protobuf.Duration?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, domain)
        sink.message(2, window)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &domain)
        case 2: try reader.message(tag, into: &window)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetComplianceStatusResponse`: the response of `AnalyticsService.GetComplianceStatus`.
public struct GetComplianceStatusResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetComplianceStatusResponse"

    /// `relay.v1.GetComplianceStatusResponse.DomainCompliance`: the status of one sending domain.
    public struct DomainCompliance: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.GetComplianceStatusResponse.DomainCompliance"
        /// `string domain = 1;`
        public var domain: String = ""
        /// `ComplianceState state = 2;`
        public var state: ComplianceState = .unspecified
        /// `double bounce_rate = 3;`
        public var bounceRate: Double = 0
        /// `double complaint_rate = 4;`
        public var complaintRate: Double = 0
        /// `int64 bounce_sample_size = 5;`
        public var bounceSampleSize: Int64 = 0
        /// `int64 complaint_sample_size = 6;`
        public var complaintSampleSize: Int64 = 0
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, domain)
            sink.enumField(2, state)
            sink.double(3, bounceRate)
            sink.double(4, complaintRate)
            sink.int64(5, bounceSampleSize)
            sink.int64(6, complaintSampleSize)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &domain)
            case 2: try reader.enumField(tag, into: &state)
            case 3: try reader.double(tag, into: &bounceRate)
            case 4: try reader.double(tag, into: &complaintRate)
            case 5: try reader.int64(tag, into: &bounceSampleSize)
            case 6: try reader.int64(tag, into: &complaintSampleSize)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `ComplianceState state = 1;`
    public var state: ComplianceState = .unspecified
    /// `double bounce_rate = 2;`
    public var bounceRate: Double = 0
    /// `double complaint_rate = 3;`
    public var complaintRate: Double = 0
    /// `ComplianceThresholds thresholds = 4;`
    public var thresholds: ComplianceThresholds?
    /// `int64 bounce_sample_size = 5;`
    public var bounceSampleSize: Int64 = 0
    /// `int64 complaint_sample_size = 6;`
    public var complaintSampleSize: Int64 = 0
    /// `google.protobuf.Timestamp window_start_time = 7;`
    public var windowStartTime: Timestamp?
    /// `google.protobuf.Timestamp window_end_time = 8;`
    public var windowEndTime: Timestamp?
    /// `repeated DomainCompliance domains = 9;`
    public var domains: [DomainCompliance] = []
    /// `repeated string recommendations = 10;`
    public var recommendations: [String] = []
    /// `google.protobuf.Timestamp state_change_time = 11;`
    public var stateChangeTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.enumField(1, state)
        sink.double(2, bounceRate)
        sink.double(3, complaintRate)
        sink.message(4, thresholds)
        sink.int64(5, bounceSampleSize)
        sink.int64(6, complaintSampleSize)
        sink.message(7, windowStartTime)
        sink.message(8, windowEndTime)
        sink.message(9, domains)
        sink.string(10, recommendations)
        sink.message(11, stateChangeTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.enumField(tag, into: &state)
        case 2: try reader.double(tag, into: &bounceRate)
        case 3: try reader.double(tag, into: &complaintRate)
        case 4: try reader.message(tag, into: &thresholds)
        case 5: try reader.int64(tag, into: &bounceSampleSize)
        case 6: try reader.int64(tag, into: &complaintSampleSize)
        case 7: try reader.message(tag, into: &windowStartTime)
        case 8: try reader.message(tag, into: &windowEndTime)
        case 9: try reader.message(tag, into: &domains)
        case 10: try reader.string(tag, into: &recommendations)
        case 11: try reader.message(tag, into: &stateChangeTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
