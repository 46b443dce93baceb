import Testing
import RelayAPI

/// Round trips and hand-computed byte vectors for the codecs of `send_service.proto`.
@Suite struct SendServiceCodecTests {
    // MARK: Fully populated instances

    static func listUnsubscribe() -> SendEmailRequest.ListUnsubscribe {
        SendEmailRequest.ListUnsubscribe(
            httpsURL: "https://example.com/unsub?r={{recipient}}",
            mailto: "mailto:unsub@example.com?subject=unsubscribe", oneClick: true)
    }

    static func content() -> EmailContent {
        EmailContent(htmlBody: "<p>Hi Ada, your order shipped.</p>", textBody: "Hi Ada, your order shipped.")
    }

    static func variables() -> Google.Protobuf.Struct {
        typealias V = Google.Protobuf.Value
        let items = Google.Protobuf.ListValue(values: [V(.stringValue("book")), V(.numberValue(-2.5))])
        let order = Google.Protobuf.Struct(fields: ["total": V(.numberValue(42.75)), "paid": V(.boolValue(true))])
        return Google.Protobuf.Struct(fields: [
            "name": V(.stringValue("Ada")),
            "order": V(.structValue(order)),
            "items": V(.listValue(items)),
            "coupon": V(.nullValue(.nullValue)),
        ])
    }

    static func template() -> TemplateReference {
        TemplateReference(templateID: "tpl_01HZX3", variables: variables())
    }

    static func attachment(_ name: String) -> RelayAPI.Attachment {
        var a = RelayAPI.Attachment()
        a.filename = name
        a.contentType = "application/pdf"
        a.content = [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF]
        a.contentID = "cid-" + name
        a.sizeBytes = -6
        return a
    }

    static func request(body: SendEmailRequest.Body) -> SendEmailRequest {
        var r = SendEmailRequest()
        r.from = EmailAddress(address: "billing@mail.example.com", name: "Example Billing")
        r.to = [EmailAddress(address: "ada@example.org", name: "Ada Lovelace"), EmailAddress(address: "bob@example.net")]
        r.cc = [EmailAddress(address: "cc1@example.org"), EmailAddress(address: "cc2@example.org", name: "C. Two")]
        r.bcc = [EmailAddress(address: "audit@example.com"), EmailAddress(address: "archive@example.com")]
        r.replyTo = [EmailAddress(address: "support@example.com", name: "Support"), EmailAddress(address: "help@example.com")]
        r.subject = "Your order #1042 has shipped ✈︎"
        r.body = body
        r.headers = [Header(name: "X-Ticket-Id", value: "T-1"), Header(name: "X-Campaign", value: "ship")]
        r.tags = ["receipt", "shipping"]
        r.metadata = ["order_id": "1042", "customer": "cus_9", "région": "ÎdF"]
        r.attachments = [attachment("invoice.pdf"), attachment("label.pdf")]
        r.idempotencyKey = "order-1042-shipped"
        r.sendTime = Timestamp(seconds: 1_767_225_600, nanos: 123_000_000)
        r.trackOpens = true
        r.trackClicks = false  // set to the default: still written, since the field is optional
        r.listUnsubscribe = listUnsubscribe()
        r.validateOnly = true
        return r
    }

    static func recipientResult(_ address: String, accepted: Bool) -> SendEmailResponse.RecipientResult {
        var r = SendEmailResponse.RecipientResult()
        r.address = address
        r.accepted = accepted
        r.reason = "suppressed: hard bounce"
        r.suppressionID = "sup_7Q"
        return r
    }

    static func response() -> SendEmailResponse {
        var r = SendEmailResponse()
        r.messageID = "msg_01HZX4"
        r.status = .suppressed
        r.recipients = [recipientResult("ada@example.org", accepted: true), recipientResult("bob@example.net", accepted: false)]
        r.idempotentReplay = true
        r.createTime = Timestamp(seconds: -1, nanos: 999_999_999)
        r.sendTime = Timestamp(seconds: 1_767_225_600)
        return r
    }

    static func errorStatus() -> Google.Rpc.Status {
        Google.Rpc.Status(
            code: 6, message: "idempotency key reused with a different request",
            details: [Google.Protobuf.Any(packing: EmailAddress(address: "x@y.z")), Google.Protobuf.Any(packing: Header(name: "a", value: "b"))])
    }

    static func batchResponse() -> SendEmailBatchResponse {
        var r = SendEmailBatchResponse()
        r.results = [
            .init(index: 0, outcome: .response(response())),
            .init(index: -1, outcome: .error(errorStatus())),
        ]
        r.acceptedCount = -7
        r.rejectedCount = 1
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

    @Test func sendEmailRequestWithContentRoundTrips() throws {
        try roundTrip(Self.request(body: .content(Self.content())))
    }

    @Test func sendEmailRequestWithTemplateRoundTrips() throws {
        try roundTrip(Self.request(body: .template(Self.template())))
    }

    @Test func sendEmailRequestWithEmptyBodyMemberKeepsTheMember() throws {
        // An empty message in a oneof is still written, so the member survives the trip.
        var r = SendEmailRequest()
        r.body = .content(EmailContent())
        #expect(r.serializedBytes() == [0x3A, 0x00])
        let d = try SendEmailRequest(serializedBytes: r.serializedBytes())
        #expect(d.body == .content(EmailContent()))
    }

    @Test func nestedAndBodyMessagesRoundTrip() throws {
        try roundTrip(Self.listUnsubscribe())
        try roundTrip(Self.content())
        try roundTrip(Self.template())
    }

    @Test func sendEmailResponseRoundTrips() throws {
        try roundTrip(Self.response())
        try roundTrip(Self.recipientResult("z@example.com", accepted: true))
    }

    @Test func unrecognizedStatusRoundTrips() throws {
        var r = SendEmailResponse()
        r.status = .unrecognized(-3)
        let d = try SendEmailResponse(serializedBytes: r.serializedBytes())
        #expect(d.status == .unrecognized(-3))
        #expect(d.status.rawValue == -3)
    }

    @Test func batchRequestRoundTrips() throws {
        try roundTrip(SendEmailBatchRequest(messages: [
            Self.request(body: .content(Self.content())), Self.request(body: .template(Self.template())),
        ]))
    }

    @Test func batchResponseRoundTrips() throws {
        let r = Self.batchResponse()
        try roundTrip(r)
        try roundTrip(r.results[0])
        try roundTrip(r.results[1])
    }

    @Test func laterOneofMemberReplacesEarlierOne() throws {
        let asResponse = SendEmailBatchResponse.MessageResult(index: 1, outcome: .response(Self.response()))
        let asError = SendEmailBatchResponse.MessageResult(index: 1, outcome: .error(Self.errorStatus()))
        let d = try SendEmailBatchResponse.MessageResult(serializedBytes: asResponse.serializedBytes() + asError.serializedBytes())
        #expect(d.outcome == .error(Self.errorStatus()))
    }

    @Test func repeatedOneofMemberMerges() throws {
        var a = SendEmailRequest()
        a.body = .content(EmailContent(htmlBody: "<b>x</b>"))
        var b = SendEmailRequest()
        b.body = .content(EmailContent(textBody: "x"))
        let d = try SendEmailRequest(serializedBytes: a.serializedBytes() + b.serializedBytes())
        #expect(d.body == .content(EmailContent(htmlBody: "<b>x</b>", textBody: "x")))
    }

    @Test func unknownFieldsArePreserved() throws {
        // Field 99 (varint 5) and field 100 (length-delimited "z") are unknown to SendEmailRequest.
        let unknown: [UInt8] = [0x98, 0x06, 0x05, 0xA2, 0x06, 0x01, 0x7A]
        var r = SendEmailRequest()
        r.subject = "s"
        let bytes = r.serializedBytes() + unknown
        let d = try SendEmailRequest(serializedBytes: bytes)
        #expect(d.subject == "s")
        #expect(d.unknownFields.bytes == unknown)
        #expect(d.serializedBytes() == bytes)
    }

    @Test func registryListsEveryMessage() {
        let names = Set(RelayMessages.sendService.map { $0.protoMessageName })
        #expect(names == [
            "relay.v1.SendEmailRequest", "relay.v1.SendEmailRequest.ListUnsubscribe", "relay.v1.EmailContent",
            "relay.v1.TemplateReference", "relay.v1.SendEmailResponse", "relay.v1.SendEmailResponse.RecipientResult",
            "relay.v1.SendEmailBatchRequest", "relay.v1.SendEmailBatchResponse",
            "relay.v1.SendEmailBatchResponse.MessageResult",
        ])
        #expect(RelayMessages.sendService.count == names.count)
    }

    // MARK: Byte-exact vectors, written out from the encoding rules

    @Test func sendEmailRequestBytes() {
        var r = SendEmailRequest()
        r.from = EmailAddress(address: "a@b.c")
        r.to = [EmailAddress(address: "x@y.z", name: "X")]
        r.body = .content(EmailContent(textBody: "hi"))
        r.metadata = ["k": "v"]
        r.trackOpens = false
        r.validateOnly = true
        let expected: [UInt8] = [
            0x0A, 0x07, 0x0A, 0x05, 0x61, 0x40, 0x62, 0x2E, 0x63,  // 1: from { 1: "a@b.c" }
            0x12, 0x0A, 0x0A, 0x05, 0x78, 0x40, 0x79, 0x2E, 0x7A, 0x12, 0x01, 0x58,  // 2: to { 1: "x@y.z", 2: "X" }
            0x3A, 0x04, 0x12, 0x02, 0x68, 0x69,  // 7: content { 2: "hi" }
            0x5A, 0x06, 0x0A, 0x01, 0x6B, 0x12, 0x01, 0x76,  // 11: metadata entry { 1: "k", 2: "v" }
            0x78, 0x00,  // 15: track_opens = false (optional: written although default)
            0x90, 0x01, 0x01,  // 18: validate_only = true (two-byte tag)
        ]
        #expect(r.serializedBytes() == expected)
        #expect(r.serializedSize == expected.count)
    }

    @Test func listUnsubscribeBytes() {
        let l = SendEmailRequest.ListUnsubscribe(httpsURL: "https://u", oneClick: true)
        let expected: [UInt8] = [
            0x0A, 0x09, 0x68, 0x74, 0x74, 0x70, 0x73, 0x3A, 0x2F, 0x2F, 0x75,  // 1: "https://u"
            0x18, 0x01,  // 3: one_click = true
        ]
        #expect(l.serializedBytes() == expected)
    }

    @Test func batchResultBytes() throws {
        let r = SendEmailBatchResponse.MessageResult(index: 2, outcome: .error(Google.Rpc.Status(code: 6, message: "dup")))
        let expected: [UInt8] = [
            0x08, 0x02,  // 1: index = 2
            0x1A, 0x07, 0x08, 0x06, 0x12, 0x03, 0x64, 0x75, 0x70,  // 3: error { 1: 6, 2: "dup" }
        ]
        #expect(r.serializedBytes() == expected)
        let d = try SendEmailBatchResponse.MessageResult(serializedBytes: expected)
        #expect(d == r)
    }

    @Test func negativeIndexIsTenByteVarint() {
        let r = SendEmailBatchResponse.MessageResult(index: -1, outcome: nil)
        #expect(r.serializedBytes() == [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }
}
