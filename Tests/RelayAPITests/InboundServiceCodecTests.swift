import Testing
import ProtoWire
import RelayAPI

/// Round trips of every message of `inbound_service.proto`, fully populated, plus byte-exact
/// vectors written out by hand from the encoding rules.
@Suite struct InboundServiceCodecTests {
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

    /// The fields of `Route` except the destination-settings members other than `member`.
    static func routeFields(member: Int) -> Set<Int> { Set(1...14).subtracting(Set(6...9).subtracting([member])) }

    // MARK: Fixtures (every field set to a non-default value)

    static var helpdesk: Route.HelpdeskTicketSettings {
        var s = Route.HelpdeskTicketSettings()
        s.queueID = "support-tier1"
        s.tags = ["email", "vip"]
        return s
    }

    static var crm: Route.CrmActivitySettings {
        var s = Route.CrmActivitySettings()
        s.boardID = "board_sales"
        s.createUnknownContacts = true
        return s
    }

    static var portal: Route.PortalReplySettings {
        var s = Route.PortalReplySettings()
        s.portalID = "portal_customers"
        s.requireThreadMatch = true
        return s
    }

    static var webhook: Route.WebhookSettings {
        var s = Route.WebhookSettings()
        s.endpointURL = "https://hooks.example.com/inbound"
        s.signingSecret = "whsec_0123456789abcdef0123456789abcdef"
        s.httpHeaders = ["Authorization": "Bearer t0k3n", "X-Env": "prod", "X-Team": "support"]
        s.includeRawMime = true
        return s
    }

    static var route: Route {
        var r = Route()
        r.routeID = "rte_01HZ"
        r.matchPattern = "*@support.example.com"
        r.description = "Support mailbox to the helpdesk"
        r.priority = -10
        r.destination = .helpdeskTicket
        r.destinationSettings = .helpdeskTicket(helpdesk)
        r.enabled = true
        r.spamHandling = .quarantine
        r.spamScoreThreshold = -2.5
        r.enforceDmarcReject = true
        r.createTime = Timestamp(seconds: 1_700_000_000, nanos: 42)
        return r
    }

    static var message: InboundMessage {
        var m = InboundMessage()
        m.inboundMessageID = "inb_01J0"
        m.routeID = "rte_01HZ"
        m.destination = .portalReply
        m.envelopeSender = "bounce+ada@mail.example.org"
        m.envelopeRecipient = "support+1042@support.example.com"
        m.from = EmailAddress(address: "ada@example.org", name: "Ada Lovelace")
        m.to = [EmailAddress(address: "support@support.example.com"), EmailAddress(address: "sales@example.com", name: "Sales")]
        m.cc = [EmailAddress(address: "babbage@example.org"), EmailAddress(address: "mary@example.org", name: "Mary")]
        m.replyTo = [EmailAddress(address: "ada+replies@example.org"), EmailAddress(address: "team@example.org")]
        m.subject = "Re: Ticket #1042 — invoice question"
        m.textBody = "Thanks, that fixed it.\n\n> On Monday you wrote:\n> Try again."
        m.htmlBody = "<p>Thanks, that fixed it.</p><blockquote>Try again.</blockquote>"
        m.strippedTextReply = "Thanks, that fixed it."
        m.headers = [Header(name: "X-Mailer", value: "Mail 16.0"), Header(name: "Auto-Submitted", value: "no")]
        var pdf = Attachment()
        pdf.filename = "invoice-1042.pdf"; pdf.contentType = "application/pdf"; pdf.sizeBytes = 48_213
        var logo = Attachment()
        logo.filename = "logo.png"; logo.contentType = "image/png"; logo.contentID = "logo@x"; logo.sizeBytes = 2_048
        m.attachments = [pdf, logo]
        m.messageIDHeader = "CAF3x9@mail.example.org"
        m.inReplyTo = "msg_01H.relay@mail.example.com"
        m.references = ["first@mail.example.com", "msg_01H.relay@mail.example.com"]
        m.threadMessageID = "msg_01H"
        m.spamVerdict = .suspect
        m.spamScore = -1.75
        m.spfResult = .none
        m.dkimResult = .pass
        m.dmarcResult = .unrecognized(-1)
        m.receivedTime = Timestamp(seconds: 1_717_171_717, nanos: 123_000_000)
        m.deliveryState = .retrying
        m.deliveryAttempts = 3
        m.deliveryError = "portal answered 503"
        m.deliveredTime = Timestamp(seconds: -62_135_596_800)
        m.destinationReference = "thread_8812"
        m.sizeBytes = 61_440
        return m
    }

    // MARK: Routes

    @Test func destinationSettingsMessages() throws {
        try Self.expectRoundTrip(Self.helpdesk, fields: [1, 2])
        try Self.expectRoundTrip(Self.crm, fields: [1, 2])
        try Self.expectRoundTrip(Self.portal, fields: [1, 2])
        try Self.expectRoundTrip(Self.webhook, fields: [1, 2, 3, 4])
    }

    @Test func routeWithEachDestinationSettingsMember() throws {
        let members: [(Int, RouteDestination, Route.DestinationSettings)] = [
            (6, .helpdeskTicket, .helpdeskTicket(Self.helpdesk)),
            (7, .crmActivity, .crmActivity(Self.crm)),
            (8, .portalReply, .portalReply(Self.portal)),
            (9, .webhook, .webhook(Self.webhook)),
        ]
        for (field, destination, settings) in members {
            var route = Self.route
            route.destination = destination
            route.destinationSettings = settings
            try Self.expectRoundTrip(route, fields: Self.routeFields(member: field))
        }
    }

    @Test func routeRequests() throws {
        var create = CreateRouteRequest()
        create.route = Self.route
        create.requestID = "req-42"
        try Self.expectRoundTrip(create, fields: [1, 2])

        var created = CreateRouteResponse()
        created.route = Self.route
        try Self.expectRoundTrip(created, fields: [1])

        var list = ListRoutesRequest()
        list.pageSize = -5
        list.pageToken = "tok_1"
        list.destination = .webhook
        try Self.expectRoundTrip(list, fields: [1, 2, 3])

        var listed = ListRoutesResponse()
        var second = Self.route
        second.routeID = "rte_01J1"
        second.destination = .crmActivity
        second.destinationSettings = .crmActivity(Self.crm)
        second.spamScoreThreshold = 0
        listed.routes = [Self.route, second]
        listed.nextPageToken = "tok_2"
        try Self.expectRoundTrip(listed, fields: [1, 2])

        var delete = DeleteRouteRequest()
        delete.routeID = "rte_01HZ"
        delete.allowMissing = true
        try Self.expectRoundTrip(delete, fields: [1, 2])

        try Self.expectRoundTrip(DeleteRouteResponse(), fields: [])
        #expect(DeleteRouteResponse().serializedBytes().isEmpty)
    }

    // MARK: Inbound messages

    @Test func inboundMessage() throws {
        try Self.expectRoundTrip(Self.message, fields: Set(1...31))
    }

    @Test func listInboundMessages() throws {
        var request = ListInboundMessagesRequest()
        request.pageSize = 100
        request.pageToken = "tok_9"
        request.routeIDs = ["rte_01HZ", "rte_01J1"]
        request.startTime = Timestamp(seconds: 1_714_521_600)
        request.endTime = Timestamp(seconds: 1_717_200_000, nanos: -1)
        request.deliveryStates = [.failed, .quarantined, .unrecognized(42)]
        request.threadMessageID = "msg_01H"
        request.view = .full
        try Self.expectRoundTrip(request, fields: Set(1...8))

        var response = ListInboundMessagesResponse()
        var second = Self.message
        second.inboundMessageID = "inb_01J1"
        second.deliveryState = .unrouted
        response.inboundMessages = [Self.message, second]
        response.nextPageToken = "tok_10"
        try Self.expectRoundTrip(response, fields: [1, 2])
    }

    // MARK: Inbound stream

    @Test func streamInboundRequest() throws {
        var request = StreamInboundRequest()
        request.routeIDs = ["rte_01HZ", "rte_01J1"]
        request.destinations = [.helpdeskTicket, .portalReply]
        request.resumeCursor = "icur_77"
        request.startTime = Timestamp(seconds: -10, nanos: 5)
        request.view = .basic
        request.heartbeatInterval = Google.Protobuf.Duration(seconds: 15, nanos: -1)
        try Self.expectRoundTrip(request, fields: Set(1...6))
    }

    @Test func streamInboundResponseMembers() throws {
        var heartbeat = StreamInboundResponse.Heartbeat()
        heartbeat.serverTime = Timestamp(seconds: 1_717_171_800)
        try Self.expectRoundTrip(heartbeat, fields: [1])

        try Self.expectRoundTrip(StreamInboundResponse(cursor: "icur_78", .inboundMessage(Self.message)), fields: [1, 2])
        try Self.expectRoundTrip(StreamInboundResponse(cursor: "icur_78", .heartbeat(heartbeat)), fields: [1, 3])
        try Self.expectRoundTrip(StreamInboundResponse(cursor: "", .heartbeat(.init())), fields: [3])
    }

    // MARK: Byte-exact vectors, written out by hand

    @Test func routeBytes() throws {
        var route = Route()
        route.priority = -1
        route.destinationSettings = .webhook(.init())
        route.spamScoreThreshold = 0
        let expected: [UInt8] = [
            // priority = field 4, varint (0x20): -1 as int32 is sign-extended to 10 bytes.
            0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,
            // webhook = field 9, length-delimited (0x4A), an empty message: length 0.
            0x4A, 0x00,
            // spam_score_threshold = optional field 12, 64-bit (0x61), set to 0.0: written.
            0x61, 0, 0, 0, 0, 0, 0, 0, 0,
        ]
        #expect(route.serializedBytes() == expected)
        #expect(route.serializedSize == expected.count)
        #expect(try Route(serializedBytes: expected) == route)
    }

    @Test func webhookMapBytes() {
        var settings = Route.WebhookSettings()
        settings.httpHeaders = ["b": "2", "a": "1"]
        // One entry per key in ascending key order: field 3 (0x1A), length 6,
        // { key = field 1 (0x0A) len 1 "a"; value = field 2 (0x12) len 1 "1" }, then "b".
        let expected: [UInt8] = [
            0x1A, 0x06, 0x0A, 0x01, 0x61, 0x12, 0x01, 0x31,
            0x1A, 0x06, 0x0A, 0x01, 0x62, 0x12, 0x01, 0x32,
        ]
        #expect(settings.serializedBytes() == expected)
    }

    @Test func streamInboundRequestBytes() throws {
        var request = StreamInboundRequest()
        request.destinations = [.helpdeskTicket, .webhook]
        request.view = .full
        // destinations packed: field 2 (0x12), length 2, 1, 4; view: field 5 varint (0x28), 2.
        let expected: [UInt8] = [0x12, 0x02, 0x01, 0x04, 0x28, 0x02]
        #expect(request.serializedBytes() == expected)
        // Unpacked repeated enums decode to the same value.
        #expect(try StreamInboundRequest(serializedBytes: [0x10, 0x01, 0x10, 0x04, 0x28, 0x02]) == request)
    }

    @Test func streamInboundResponseBytes() {
        var heartbeat = StreamInboundResponse.Heartbeat()
        heartbeat.serverTime = Timestamp(seconds: 2, nanos: 3)
        // cursor: field 1 (0x0A) len 2 "c9"; heartbeat: field 3 (0x1A) len 6,
        // { server_time: 0x0A len 4 { seconds 0x08 2; nanos 0x10 3 } }.
        let expected: [UInt8] = [0x0A, 0x02, 0x63, 0x39, 0x1A, 0x06, 0x0A, 0x04, 0x08, 0x02, 0x10, 0x03]
        #expect(StreamInboundResponse(cursor: "c9", .heartbeat(heartbeat)).serializedBytes() == expected)
    }

    @Test func mapEntryWithMissingValueDecodesAsEmpty() throws {
        // http_headers entry with only a key: 0x1A, length 3, { 0x0A len 1 "k" }.
        let decoded = try Route.WebhookSettings(serializedBytes: [0x1A, 0x03, 0x0A, 0x01, 0x6B])
        #expect(decoded.httpHeaders == ["k": ""])
    }

    @Test func registryListsEveryMessage() {
        let names = Set(RelayMessages.inboundService.map { $0.protoMessageName })
        #expect(names.count == 17)
        #expect(names.contains("relay.v1.Route.WebhookSettings"))
        #expect(names.contains("relay.v1.StreamInboundResponse.Heartbeat"))
        #expect(names.allSatisfy { $0.hasPrefix("relay.v1.") })
    }
}
