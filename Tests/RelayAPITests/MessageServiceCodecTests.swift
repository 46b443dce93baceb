import Testing
import RelayAPI

/// Round trips and hand-computed byte vectors for the codecs of `message_service.proto`.
@Suite struct MessageServiceCodecTests {
    // MARK: Fully populated instances

    static func recipient(_ address: String, type: EmailMessage.RecipientType) -> EmailMessage.Recipient {
        var r = EmailMessage.Recipient()
        r.address = address
        r.type = type
        r.status = .deferred
        r.attempts = 3
        r.detail = "421 4.7.0 Try again later"
        r.smtpCode = -421
        r.enhancedStatus = "4.7.0"
        r.mxHost = "mx1.example.org"
        r.updateTime = Timestamp(seconds: 1_767_225_700, nanos: 5)
        r.nextAttemptTime = Timestamp(seconds: 1_767_226_000)
        r.openCount = 2
        r.clickCount = -1
        r.suppressionID = "sup_42"
        return r
    }

    static func message(_ id: String) -> EmailMessage {
        var m = EmailMessage()
        m.messageID = id
        m.from = EmailAddress(address: "billing@mail.example.com", name: "Billing")
        m.to = [EmailAddress(address: "ada@example.org", name: "Ada"), EmailAddress(address: "bob@example.net")]
        m.cc = [EmailAddress(address: "c1@example.org"), EmailAddress(address: "c2@example.org", name: "C2")]
        m.bcc = [EmailAddress(address: "audit@example.com"), EmailAddress(address: "archive@example.com")]
        m.replyTo = [EmailAddress(address: "support@example.com"), EmailAddress(address: "help@example.com", name: "Help")]
        m.subject = "Your order #1042 has shipped"
        m.status = .bounced
        m.tags = ["receipt", "shipping"]
        m.metadata = ["order_id": "1042", "customer": "cus_9"]
        m.domain = "mail.example.com"
        m.domainID = "dom_7"
        m.sizeBytes = -12_345_678_901
        m.attachmentCount = 2
        m.createTime = Timestamp(seconds: 1_767_225_600)
        m.updateTime = Timestamp(seconds: 1_767_225_700, nanos: 1)
        m.sendTime = Timestamp(seconds: -62_135_596_800)
        m.recipients = [recipient("ada@example.org", type: .to), recipient("audit@example.com", type: .bcc)]
        m.attempts = -4
        m.templateID = "tpl_3"
        m.idempotencyKey = "order-1042"
        m.keyID = "key_5"
        m.rfc822MessageID = "<msg_01@relay.example.com>"
        return m
    }

    static func filter() -> MessageFilter {
        var f = MessageFilter()
        f.statuses = [.bounced, .failed, .unrecognized(99)]
        f.recipient = "ada@example.org"
        f.fromAddress = "billing@mail.example.com"
        f.domain = "mail.example.com"
        f.tag = "receipt"
        f.subjectContains = "order"
        f.startTime = Timestamp(seconds: 1_767_000_000)
        f.endTime = Timestamp(seconds: 1_767_300_000, nanos: 999)
        f.templateID = "tpl_3"
        f.metadata = ["order_id": "1042", "customer": "cus_9"]
        return f
    }

    static func event(_ type: EventType) -> Event {
        var e = Event()
        e.cursor = "c_\(type.rawValue)"
        e.type = type
        e.messageID = "msg_01"
        e.recipient = "ada@example.org"
        e.occurTime = Timestamp(seconds: 1_767_225_650, nanos: 7)
        e.domain = "mail.example.com"
        e.tags = ["receipt", "shipping"]
        e.detail = "250 2.0.0 OK"
        e.smtpCode = 250
        e.enhancedStatus = "2.0.0"
        e.attempt = -1
        e.metadata = ["a": "1", "b": "2"]
        return e
    }

    static func attachment(_ name: String) -> RelayAPI.Attachment {
        var a = RelayAPI.Attachment()
        a.filename = name
        a.contentType = "image/png"
        a.content = [0x89, 0x50, 0x4E, 0x47]
        a.contentID = "logo"
        a.sizeBytes = 4
        return a
    }

    static func getResponse() -> GetMessageResponse {
        var r = GetMessageResponse()
        r.message = message("msg_01")
        r.events = [event(.queued), event(.delivered), event(.unrecognized(-5))]
        r.content = EmailContent(htmlBody: "<p>Shipped</p>", textBody: "Shipped")
        r.headers = [Header(name: "Message-ID", value: "<msg_01@relay.example.com>"), Header(name: "X-Ticket-Id", value: "T-1")]
        r.attachments = [attachment("logo.png"), attachment("map.png")]
        return r
    }

    static func searchRequest() -> SearchMessagesRequest {
        var r = SearchMessagesRequest()
        r.filter = filter()
        r.pageSize = -20
        r.pageToken = "pt_abc"
        r.order = .oldestFirst
        return r
    }

    static func searchResponse() -> SearchMessagesResponse {
        var r = SearchMessagesResponse()
        r.messages = [message("msg_01"), message("msg_02")]
        r.nextPageToken = "pt_def"
        r.totalSize = -1
        r.totalSizeApproximate = true
        return r
    }

    static func exportRequest() -> ExportMessagesRequest {
        var r = ExportMessagesRequest()
        r.filter = filter()
        r.columns = ["message_id", "create_time", "metadata.order_id"]
        r.includeHeader = true
        r.format = .jsonLines
        r.order = .newestFirst
        r.resumeToken = "rt_1"
        return r
    }

    static func exportResponse() -> ExportMessagesResponse {
        var r = ExportMessagesResponse()
        r.data = Array("message_id,status\r\nmsg_01,delivered\r\n".utf8) + [0x00, 0xFF]
        r.rowCount = -2
        r.last = true
        r.resumeToken = "rt_2"
        r.totalRows = 9_000_000_000
        return r
    }

    // MARK: Round trips

    func roundTrip<M: ProtoMessage>(_ message: M, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = message.serializedBytes()
        #expect(message.serializedSize == bytes.count, sourceLocation: sourceLocation)
        #expect(!bytes.isEmpty, sourceLocation: sourceLocation)
        let decoded = try M(serializedBytes: bytes)
        #expect(decoded == message, sourceLocation: sourceLocation)
        #expect(decoded.serializedBytes() == bytes, sourceLocation: sourceLocation)
    }

    @Test func emailMessageRoundTrips() throws {
        try roundTrip(Self.message("msg_01"))
        try roundTrip(Self.recipient("bob@example.net", type: .cc))
        try roundTrip(Self.recipient("x@example.net", type: .unrecognized(7)))
    }

    @Test func messageFilterRoundTrips() throws {
        try roundTrip(Self.filter())
    }

    @Test func getMessageRoundTrips() throws {
        try roundTrip(GetMessageRequest(messageID: "msg_01", view: .full))
        try roundTrip(GetMessageRequest(messageID: "msg_01", view: .unrecognized(-9)))
        try roundTrip(Self.getResponse())
    }

    @Test func searchMessagesRoundTrips() throws {
        try roundTrip(Self.searchRequest())
        try roundTrip(Self.searchResponse())
    }

    @Test func exportMessagesRoundTrips() throws {
        try roundTrip(Self.exportRequest())
        var csv = Self.exportRequest()
        csv.format = .csv
        csv.order = .unrecognized(3)
        try roundTrip(csv)
        try roundTrip(Self.exportResponse())
    }

    @Test func unpackedStatusesAreAccepted() throws {
        // Two unpacked elements of field 1 (tag 0x08), as an old encoder may write them.
        let f = try MessageFilter(serializedBytes: [0x08, 0x05, 0x08, 0x06])
        #expect(f.statuses == [.bounced, .failed])
        // Re-encoded packed.
        #expect(f.serializedBytes() == [0x0A, 0x02, 0x05, 0x06])
    }

    @Test func unknownFieldsArePreserved() throws {
        // Field 50 (fixed32) is unknown to EmailMessage.
        let unknown: [UInt8] = [0x95, 0x03, 0x01, 0x02, 0x03, 0x04]
        var m = EmailMessage()
        m.messageID = "msg_x"
        let bytes = m.serializedBytes() + unknown
        let d = try EmailMessage(serializedBytes: bytes)
        #expect(d.messageID == "msg_x")
        #expect(d.unknownFields.bytes == unknown)
        #expect(d.serializedBytes() == bytes)
    }

    @Test func enumRawValuesMatchTheProto() {
        #expect(MessageView.full.rawValue == 2 && MessageView(rawValue: 1) == .basic)
        #expect(MessageOrder.oldestFirst.rawValue == 2 && MessageOrder(rawValue: 1) == .newestFirst)
        #expect(EmailMessage.RecipientType.bcc.rawValue == 3 && EmailMessage.RecipientType(rawValue: 2) == .cc)
        #expect(ExportMessagesRequest.Format.jsonLines.rawValue == 2 && ExportMessagesRequest.Format(rawValue: 1) == .csv)
        #expect(MessageView(rawValue: 42) == .unrecognized(42))
    }

    @Test func registryListsEveryMessage() {
        let names = Set(RelayMessages.messageService.map { $0.protoMessageName })
        #expect(names == [
            "relay.v1.EmailMessage", "relay.v1.EmailMessage.Recipient", "relay.v1.MessageFilter",
            "relay.v1.GetMessageRequest", "relay.v1.GetMessageResponse", "relay.v1.SearchMessagesRequest",
            "relay.v1.SearchMessagesResponse", "relay.v1.ExportMessagesRequest", "relay.v1.ExportMessagesResponse",
        ])
        #expect(RelayMessages.messageService.count == names.count)
    }

    // MARK: Byte-exact vectors, written out from the encoding rules

    @Test func messageFilterBytes() {
        var f = MessageFilter()
        f.statuses = [.bounced, .failed]
        f.tag = "x"
        f.startTime = Timestamp(seconds: 1)
        f.metadata = ["b": "2", "a": "1"]
        let expected: [UInt8] = [
            0x0A, 0x02, 0x05, 0x06,  // 1: statuses, packed [5, 6]
            0x2A, 0x01, 0x78,  // 5: tag = "x"
            0x3A, 0x02, 0x08, 0x01,  // 7: start_time { seconds: 1 }
            0x52, 0x06, 0x0A, 0x01, 0x61, 0x12, 0x01, 0x31,  // 10: metadata { "a": "1" } (keys sorted)
            0x52, 0x06, 0x0A, 0x01, 0x62, 0x12, 0x01, 0x32,  // 10: metadata { "b": "2" }
        ]
        #expect(f.serializedBytes() == expected)
        #expect(f.serializedSize == expected.count)
    }

    @Test func exportResponseBytes() throws {
        var r = ExportMessagesResponse()
        r.data = [0x61, 0x0D, 0x0A]
        r.rowCount = 1
        r.last = true
        r.totalRows = -1
        let expected: [UInt8] = [
            0x0A, 0x03, 0x61, 0x0D, 0x0A,  // 1: data = "a\r\n"
            0x10, 0x01,  // 2: row_count = 1
            0x18, 0x01,  // 3: last = true
            0x28, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,  // 5: total_rows = -1
        ]
        #expect(r.serializedBytes() == expected)
        #expect(try ExportMessagesResponse(serializedBytes: expected) == r)
    }

    @Test func getMessageRequestBytes() {
        let r = GetMessageRequest(messageID: "msg_1", view: .full)
        #expect(r.serializedBytes() == [0x0A, 0x05, 0x6D, 0x73, 0x67, 0x5F, 0x31, 0x10, 0x02])
        // The default view is not written (implicit presence).
        #expect(GetMessageRequest(messageID: "m").serializedBytes() == [0x0A, 0x01, 0x6D])
    }

    @Test func emailMessageHighFieldBytes() {
        var m = EmailMessage()
        m.recipients = [EmailMessage.Recipient()]
        m.rfc822MessageID = "<a>"
        // 18: recipients (tag 0x92 0x01, empty message); 23: rfc822_message_id (tag 0xBA 0x01).
        #expect(m.serializedBytes() == [0x92, 0x01, 0x00, 0xBA, 0x01, 0x03, 0x3C, 0x61, 0x3E])
    }
}
