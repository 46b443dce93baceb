import Testing
import ProtoWire
import RelayAPI

/// Round trips of every message of `analytics_service.proto`, fully populated, plus byte-exact
/// vectors written out by hand from the encoding rules.
@Suite struct AnalyticsServiceCodecTests {
    // MARK: Helpers

    /// The field numbers present at the top level of `bytes`.
    static func fieldNumbers(_ bytes: [UInt8]) throws -> Set<Int> {
        var reader = try ProtoReader(bytes: bytes)
        var seen = Set<Int>()
        var skipped = UnknownFields()
        while let tag = try reader.nextTag() {
            seen.insert(tag.number)
            try reader.skip(tag, into: &skipped)
        }
        return seen
    }

    /// Checks the size, that decoding gives back an equal value, that re-encoding gives the same
    /// bytes, and that exactly the fields `expectedFields` were written.
    static func expectRoundTrip<M: ProtoMessage>(
        _ message: M, fields expectedFields: Set<Int>, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let bytes = message.serializedBytes()
        #expect(message.serializedSize == bytes.count, sourceLocation: sourceLocation)
        #expect(try fieldNumbers(bytes) == expectedFields, "\(M.protoMessageName)", sourceLocation: sourceLocation)
        let decoded = try M(serializedBytes: bytes)
        #expect(decoded == message, "\(M.protoMessageName)", sourceLocation: sourceLocation)
        #expect(decoded.serializedBytes() == bytes, sourceLocation: sourceLocation)
    }

    static func fields(_ range: ClosedRange<Int>) -> Set<Int> { Set(range) }

    // MARK: Fixtures (every field set to a non-default value)

    static var counts: DeliveryCounts {
        var c = DeliveryCounts()
        c.queued = 1_000; c.sent = 990; c.delivered = 950; c.deferred = 12; c.bounced = 30
        c.failed = 10; c.suppressed = 4; c.opened = 700; c.clicked = 210; c.complained = 1
        c.unsubscribed = 3; c.uniqueOpened = 500; c.uniqueClicked = -120
        return c
    }

    static var rates: DeliveryRates {
        var r = DeliveryRates()
        r.deliveryRate = 0.959; r.bounceRate = 0.0303; r.complaintRate = 0.00105; r.deferralRate = 0.012
        r.failureRate = 0.0101; r.openRate = 0.526; r.clickRate = 0.126; r.unsubscribeRate = -0.5
        return r
    }

    static var point: DeliveryStatsSeries.Point {
        var p = DeliveryStatsSeries.Point()
        p.startTime = Timestamp(seconds: 1_717_200_000)
        p.counts = counts
        p.rates = rates
        return p
    }

    static var series: DeliveryStatsSeries {
        var s = DeliveryStatsSeries()
        s.groupKey = "mail.example.com"
        var second = point
        second.startTime = Timestamp(seconds: -86_400, nanos: 1)
        s.points = [point, second]
        s.totals = counts
        s.rates = rates
        return s
    }

    static var thresholds: ComplianceThresholds {
        var t = ComplianceThresholds()
        t.bounceRateWarning = 0.05; t.bounceRateCritical = 0.1
        t.complaintRateWarning = 0.001; t.complaintRateCritical = 0.005; t.minimumSampleSize = -1
        return t
    }

    static var domainCompliance: GetComplianceStatusResponse.DomainCompliance {
        var d = GetComplianceStatusResponse.DomainCompliance()
        d.domain = "news.example.com"; d.state = .atRisk; d.bounceRate = 0.11; d.complaintRate = 0.002
        d.bounceSampleSize = 5_000; d.complaintSampleSize = 4_400
        return d
    }

    static var channels: [AlertRule.NotificationChannel] {
        [
            .init(.webhookURL("https://ops.example.com/hooks/relay")),
            .init(.emailAddress("oncall@example.com")),
            .init(.eventBusTopic("ops.alerts")),
        ]
    }

    static var alertRule: AlertRule {
        var r = AlertRule()
        r.alertRuleID = "alr_01HZX"; r.name = "Bounce rate above 4%"; r.metric = .bounceRate
        r.comparison = .above; r.threshold = 0.04
        r.window = Google.Protobuf.Duration(seconds: 3_600)
        r.domain = "mail.example.com"; r.tag = "password-reset"; r.channels = channels
        r.enabled = true; r.minimumSampleSize = 0
        r.renotifyInterval = Google.Protobuf.Duration(seconds: -5, nanos: -500)
        r.createTime = Timestamp(seconds: 1_700_000_000, nanos: 1)
        r.updateTime = Timestamp(seconds: 1_700_000_100)
        r.lastTriggeredTime = Timestamp(seconds: 1_700_000_200)
        r.state = .insufficientData; r.lastValue = -0.25
        r.lastEvaluateTime = Timestamp(seconds: 1_700_000_300, nanos: 999_999_999)
        return r
    }

    static var event: Event {
        var e = Event()
        e.cursor = "cur_0042"; e.type = .bounced; e.messageID = "msg_01J"; e.recipient = "ada@example.org"
        e.occurTime = Timestamp(seconds: 1_717_171_717); e.domain = "mail.example.com"
        e.tags = ["welcome", "eu"]; e.detail = "550 5.1.1 user unknown"; e.smtpCode = 550
        e.enhancedStatus = "5.1.1"; e.attempt = 2; e.metadata = ["order": "1042", "tenant": "acme"]
        return e
    }

    // MARK: Statistics

    @Test func deliveryCountsAndRates() throws {
        try Self.expectRoundTrip(Self.counts, fields: Self.fields(1...13))
        try Self.expectRoundTrip(Self.rates, fields: Self.fields(1...8))
    }

    @Test func deliveryStatsSeries() throws {
        try Self.expectRoundTrip(Self.point, fields: [1, 2, 3])
        try Self.expectRoundTrip(Self.series, fields: [1, 2, 3, 4])
    }

    @Test func getDeliveryStats() throws {
        var request = GetDeliveryStatsRequest()
        request.startTime = Timestamp(seconds: 1_714_521_600)
        request.endTime = Timestamp(seconds: 1_717_200_000, nanos: 5)
        request.granularity = .week
        request.domains = ["mail.example.com", "news.example.com"]
        request.tags = ["welcome", "receipt"]
        request.groupBy = .tag
        request.timeZone = "Europe/Paris"
        request.maxSeries = -3
        try Self.expectRoundTrip(request, fields: Self.fields(1...8))

        var response = GetDeliveryStatsResponse()
        var other = Self.series
        other.groupKey = "news.example.com"
        response.series = [Self.series, other]
        response.totals = Self.counts
        response.rates = Self.rates
        response.startTime = Timestamp(seconds: 1_714_348_800)
        response.endTime = Timestamp(seconds: 1_717_372_800)
        response.granularity = .unrecognized(-7)
        response.timeZone = "UTC"
        response.omittedSeriesCount = 12
        try Self.expectRoundTrip(response, fields: Self.fields(1...8))
    }

    // MARK: Compliance

    @Test func getComplianceStatus() throws {
        try Self.expectRoundTrip(Self.thresholds, fields: Self.fields(1...5))
        try Self.expectRoundTrip(Self.domainCompliance, fields: Self.fields(1...6))

        var request = GetComplianceStatusRequest()
        request.domain = "mail.example.com"
        request.window = Google.Protobuf.Duration(seconds: 7 * 86_400)
        try Self.expectRoundTrip(request, fields: [1, 2])

        var response = GetComplianceStatusResponse()
        response.state = .suspended
        response.bounceRate = 0.12
        response.complaintRate = 0.0061
        response.thresholds = Self.thresholds
        response.bounceSampleSize = 10_000
        response.complaintSampleSize = -9_000
        response.windowStartTime = Timestamp(seconds: 1_714_521_600)
        response.windowEndTime = Timestamp(seconds: 1_717_113_600)
        var healthy = Self.domainCompliance
        healthy.domain = "mail.example.com"; healthy.state = .healthy
        response.domains = [Self.domainCompliance, healthy]
        response.recommendations = ["Remove hard-bounced addresses.", "Use double opt-in."]
        response.stateChangeTime = Timestamp(seconds: 1_717_000_000)
        try Self.expectRoundTrip(response, fields: Self.fields(1...11))
    }

    // MARK: Alert rules

    @Test func alertRule() throws {
        try Self.expectRoundTrip(Self.alertRule, fields: Self.fields(1...18))
    }

    @Test(arguments: [1, 2, 3])
    func notificationChannelMembers(_ member: Int) throws {
        let channel = Self.channels[member - 1]
        try Self.expectRoundTrip(channel, fields: [member])
        // A member at its default is still written, so the choice survives the round trip.
        var empty = AlertRule.NotificationChannel()
        switch member {
        case 1: empty.target = .webhookURL("")
        case 2: empty.target = .emailAddress("")
        default: empty.target = .eventBusTopic("")
        }
        try Self.expectRoundTrip(empty, fields: [member])
    }

    @Test func alertRuleRequests() throws {
        var list = ListAlertRulesRequest()
        list.pageSize = -1; list.pageToken = "tok_2"; list.domain = "mail.example.com"; list.state = .triggered
        try Self.expectRoundTrip(list, fields: Self.fields(1...4))

        var listed = ListAlertRulesResponse()
        var second = Self.alertRule
        second.alertRuleID = "alr_01HZY"; second.metric = .sendVolume; second.comparison = .below
        listed.alertRules = [Self.alertRule, second]
        listed.nextPageToken = "tok_3"
        listed.totalSize = 57
        try Self.expectRoundTrip(listed, fields: [1, 2, 3])

        var upsert = UpsertAlertRuleRequest()
        upsert.alertRule = Self.alertRule
        upsert.allowMissing = true
        var mask = FieldMask()
        mask.paths = ["threshold", "enabled"]
        upsert.updateMask = mask
        upsert.requestID = "req-7f3a"
        try Self.expectRoundTrip(upsert, fields: Self.fields(1...4))

        var upserted = UpsertAlertRuleResponse()
        upserted.alertRule = Self.alertRule
        upserted.created = true
        try Self.expectRoundTrip(upserted, fields: [1, 2])

        var delete = DeleteAlertRuleRequest()
        delete.alertRuleID = "alr_01HZX"
        delete.allowMissing = true
        try Self.expectRoundTrip(delete, fields: [1, 2])

        try Self.expectRoundTrip(DeleteAlertRuleResponse(), fields: [])
        #expect(DeleteAlertRuleResponse().serializedBytes().isEmpty)
    }

    // MARK: Event stream

    @Test func streamEventsRequest() throws {
        var request = StreamEventsRequest()
        request.types = [.bounced, .complained, .unrecognized(-2)]
        request.domains = ["mail.example.com", "news.example.com"]
        request.tags = ["welcome", "receipt"]
        request.messageID = "msg_01J"
        request.resumeCursor = "cur_0041"
        request.startTime = Timestamp(seconds: -1, nanos: 999_000_000)
        request.heartbeatInterval = Google.Protobuf.Duration(seconds: 30)
        try Self.expectRoundTrip(request, fields: Self.fields(1...7))
    }

    @Test func streamEventsResponseMembers() throws {
        var heartbeat = StreamEventsResponse.Heartbeat()
        heartbeat.serverTime = Timestamp(seconds: 1_717_171_800, nanos: 7)
        heartbeat.latestCursor = "cur_0099"
        try Self.expectRoundTrip(heartbeat, fields: [1, 2])

        var lagged = StreamEventsResponse.Lagged()
        lagged.lastCursor = "cur_0042"
        lagged.pendingEvents = -10_000
        lagged.detail = "subscriber fell 10000 events behind"
        try Self.expectRoundTrip(lagged, fields: [1, 2, 3])

        try Self.expectRoundTrip(StreamEventsResponse(.event(Self.event)), fields: [1])
        try Self.expectRoundTrip(StreamEventsResponse(.heartbeat(heartbeat)), fields: [2])
        try Self.expectRoundTrip(StreamEventsResponse(.lagged(lagged)), fields: [3])
        // An empty member message is still written: the choice is kept.
        try Self.expectRoundTrip(StreamEventsResponse(.lagged(.init())), fields: [3])
    }

    @Test func laterOneofMemberReplacesEarlierOne() throws {
        let bytes = StreamEventsResponse(.event(Self.event)).serializedBytes()
            + StreamEventsResponse(.lagged(.init())).serializedBytes()
        let decoded = try StreamEventsResponse(serializedBytes: bytes)
        #expect(decoded.payload == .lagged(.init()))
    }

    @Test func repeatedOneofMemberMerges() throws {
        var first = StreamEventsResponse.Heartbeat()
        first.serverTime = Timestamp(seconds: 5)
        var second = StreamEventsResponse.Heartbeat()
        second.latestCursor = "cur_7"
        let bytes = StreamEventsResponse(.heartbeat(first)).serializedBytes()
            + StreamEventsResponse(.heartbeat(second)).serializedBytes()
        var merged = first
        merged.latestCursor = "cur_7"
        #expect(try StreamEventsResponse(serializedBytes: bytes).payload == .heartbeat(merged))
    }

    // MARK: Byte-exact vectors, written out by hand

    @Test func deleteAlertRuleRequestBytes() throws {
        var request = DeleteAlertRuleRequest()
        request.alertRuleID = "alr_1"
        request.allowMissing = true
        // field 1, wire type 2: 0x0A, length 5, "alr_1"; field 2, wire type 0: 0x10, 1.
        let expected: [UInt8] = [0x0A, 0x05, 0x61, 0x6C, 0x72, 0x5F, 0x31, 0x10, 0x01]
        #expect(request.serializedBytes() == expected)
        #expect(try DeleteAlertRuleRequest(serializedBytes: expected) == request)
    }

    @Test func notificationChannelDefaultMemberBytes() {
        // The oneof member email_address (field 2) set to "": key 0x12, length 0.
        let channel = AlertRule.NotificationChannel(.emailAddress(""))
        #expect(channel.serializedBytes() == [0x12, 0x00])
    }

    @Test func heartbeatResponseBytes() {
        var heartbeat = StreamEventsResponse.Heartbeat()
        heartbeat.serverTime = Timestamp(seconds: 1)
        heartbeat.latestCursor = "c"
        // heartbeat = field 2 (0x12), length 7: server_time = field 1 (0x0A), length 2,
        // { seconds = field 1 varint (0x08) 1 }; latest_cursor = field 2 (0x12), length 1, "c".
        let expected: [UInt8] = [0x12, 0x07, 0x0A, 0x02, 0x08, 0x01, 0x12, 0x01, 0x63]
        #expect(StreamEventsResponse(.heartbeat(heartbeat)).serializedBytes() == expected)
    }

    @Test func deliveryRatesAndPackedEnumBytes() throws {
        var rates = DeliveryRates()
        rates.deliveryRate = 0.5
        rates.bounceRate = -0.25
        // field 1, wire type 1 (0x09): 0.5 = 0x3FE0000000000000 little-endian;
        // field 2, wire type 1 (0x11): -0.25 = 0xBFD0000000000000 little-endian.
        let expectedRates: [UInt8] = [
            0x09, 0, 0, 0, 0, 0, 0, 0xE0, 0x3F,
            0x11, 0, 0, 0, 0, 0, 0, 0xD0, 0xBF,
        ]
        #expect(rates.serializedBytes() == expectedRates)

        var request = StreamEventsRequest()
        request.types = [.bounced, .complained]
        request.messageID = "m"
        // types packed: field 1 wire type 2 (0x0A), length 2, 5, 10; message_id: 0x22, 1, "m".
        let expected: [UInt8] = [0x0A, 0x02, 0x05, 0x0A, 0x22, 0x01, 0x6D]
        #expect(request.serializedBytes() == expected)
        // The same enums unpacked (one varint field each) decode to the same value.
        let unpacked: [UInt8] = [0x08, 0x05, 0x08, 0x0A, 0x22, 0x01, 0x6D]
        #expect(try StreamEventsRequest(serializedBytes: unpacked) == request)
    }

    @Test func optionalFieldSetToZeroIsWritten() {
        var rule = AlertRule()
        rule.minimumSampleSize = 0
        // optional int64 minimum_sample_size = 11: key (11 << 3 | 0) = 0x58, value 0.
        #expect(rule.serializedBytes() == [0x58, 0x00])
        rule.minimumSampleSize = nil
        #expect(rule.serializedBytes().isEmpty)
    }

    @Test func unknownFieldsSurvive() throws {
        // ComplianceThresholds with an extra field 99 (varint 300): key 0x98 0x06, value 0xAC 0x02.
        let bytes: [UInt8] = [0x28, 0x07, 0x98, 0x06, 0xAC, 0x02]
        let decoded = try ComplianceThresholds(serializedBytes: bytes)
        #expect(decoded.minimumSampleSize == 7)
        #expect(decoded.unknownFields.bytes == [0x98, 0x06, 0xAC, 0x02])
        #expect(decoded.serializedBytes() == bytes)
    }

    @Test func registryListsEveryMessage() {
        let names = Set(RelayMessages.analyticsService.map { $0.protoMessageName })
        #expect(names.count == 22)
        #expect(names.contains("relay.v1.DeliveryStatsSeries.Point"))
        #expect(names.contains("relay.v1.AlertRule.NotificationChannel"))
        #expect(names.contains("relay.v1.StreamEventsResponse.Lagged"))
        #expect(names.allSatisfy { $0.hasPrefix("relay.v1.") })
    }
}
