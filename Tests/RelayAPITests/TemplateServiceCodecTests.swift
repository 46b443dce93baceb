import Testing
import RelayAPI

/// Round trips and hand-computed byte vectors for the codecs of `template_service.proto`.
@Suite struct TemplateServiceCodecTests {
    // MARK: Helpers

    /// The distinct top-level field numbers present in `bytes`.
    static func fieldNumbers(_ bytes: [UInt8]) throws -> Set<Int> {
        var reader = try ProtoReader(bytes: bytes)
        var sink = UnknownFields()
        var numbers = Set<Int>()
        while let tag = try reader.nextTag() {
            numbers.insert(tag.number)
            try reader.skip(tag, into: &sink)
        }
        return numbers
    }

    /// Checks that `message` writes exactly the fields `fields`, that its size is exact, that it
    /// decodes back to an equal value and that re-encoding gives the same bytes.
    static func roundTrip<M: ProtoMessage>(
        _ message: M, fields: ClosedRange<Int>, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try roundTrip(message, fields: Set(fields), sourceLocation: sourceLocation)
    }

    /// As above, with the set of expected field numbers spelled out.
    static func roundTrip<M: ProtoMessage>(
        _ message: M, fields: Set<Int>, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let bytes = message.serializedBytes()
        #expect(message.serializedSize == bytes.count, sourceLocation: sourceLocation)
        #expect(try fieldNumbers(bytes) == fields, "not every field is populated", sourceLocation: sourceLocation)
        let decoded = try M(serializedBytes: bytes)
        #expect(decoded == message, sourceLocation: sourceLocation)
        #expect(decoded.serializedBytes() == bytes, sourceLocation: sourceLocation)
    }

    // MARK: Fully populated instances

    typealias V = Google.Protobuf.Value

    static func variables() -> Google.Protobuf.Struct {
        let items = Google.Protobuf.ListValue(values: [V(.stringValue("book")), V(.numberValue(-2.5))])
        let order = Google.Protobuf.Struct(fields: ["total": V(.numberValue(42.75)), "paid": V(.boolValue(true))])
        return Google.Protobuf.Struct(fields: [
            "first_name": V(.stringValue("Ada")),
            "order": V(.structValue(order)),
            "items": V(.listValue(items)),
            "coupon": V(.nullValue(.nullValue)),
        ])
    }

    static func variable(_ name: String) -> Template.Variable {
        Template.Variable(
            name: name, required: true, defaultValue: V(.stringValue("friend")),
            description: "How the recipient is greeted")
    }

    static func template() -> Template {
        var t = Template()
        t.templateID = "tpl_01J9ZQ4N"
        t.name = "password-reset"
        t.description = "Sent when a user asks to reset a password"
        t.subject = "Reset your password, {{first_name}}"
        t.htmlBody = "<p>Hi {{first_name}},</p>{{#items}}<li>{{.}}</li>{{/items}}<a href=\"{{{link}}}\">Reset</a>"
        t.textBody = "Hi {{first_name}},\nReset: {{{link}}}\n{{^coupon}}No coupon.{{/coupon}}"
        t.variables = [variable("first_name"), Template.Variable(name: "order.total", description: "Amount in EUR")]
        t.sampleVariables = variables()
        t.labels = ["team": "identity", "locale": "en-GB"]
        t.version = 7
        t.createTime = Timestamp(seconds: 1_700_000_000, nanos: 123_000_000)
        t.updateTime = Timestamp(seconds: 1_700_086_400, nanos: 5)
        return t
    }

    static func warning(_ code: RenderTemplateResponse.Warning.Code) -> RenderTemplateResponse.Warning {
        var w = RenderTemplateResponse.Warning()
        w.code = code
        w.field = "html_body"
        w.line = -1
        w.column = 17
        w.variable = "order.total"
        w.message = "variable 'order.total' has no value"
        return w
    }

    // MARK: Resources

    @Test func templateRoundTrips() throws {
        try Self.roundTrip(Self.template(), fields: 1...12)
    }

    @Test func templateVariableRoundTrips() throws {
        try Self.roundTrip(Self.variable("first_name"), fields: 1...4)
        var v = Self.variable("items")
        v.defaultValue = V(.listValue(Google.Protobuf.ListValue(values: [V(.numberValue(-1)), V(.boolValue(false))])))
        try Self.roundTrip(v, fields: 1...4)
    }

    // MARK: Create, get, list, update, delete

    @Test func createTemplateRequestRoundTrips() throws {
        var r = CreateTemplateRequest()
        r.template = Self.template()
        r.requestID = "create-7f3a9c"
        r.validateOnly = true
        try Self.roundTrip(r, fields: 1...3)
    }

    @Test func createTemplateResponseRoundTrips() throws {
        var r = CreateTemplateResponse()
        r.template = Self.template()
        try Self.roundTrip(r, fields: 1...1)
    }

    @Test func getTemplateRequestRoundTripsEveryLookup() throws {
        var r = GetTemplateRequest()
        r.view = .full
        r.lookup = .templateID("tpl_01J9ZQ4N")
        try Self.roundTrip(r, fields: [1, 3])
        r.lookup = .name("password-reset")
        try Self.roundTrip(r, fields: [2, 3])
        r.lookup = .name("")  // a oneof member is written even when empty
        r.view = .unrecognized(-3)
        try Self.roundTrip(r, fields: [2, 3])
    }

    @Test func getTemplateResponseRoundTrips() throws {
        var r = GetTemplateResponse()
        r.template = Self.template()
        try Self.roundTrip(r, fields: 1...1)
    }

    @Test func listTemplatesRequestRoundTrips() throws {
        var r = ListTemplatesRequest()
        r.pageSize = -25
        r.pageToken = "eyJhZnRlciI6InBhc3N3b3JkLXJlc2V0In0"
        r.namePrefix = "billing-"
        r.labels = ["team": "billing", "tier": "gold"]
        r.view = .basic
        try Self.roundTrip(r, fields: 1...5)
    }

    @Test func listTemplatesResponseRoundTrips() throws {
        var second = Self.template()
        second.templateID = "tpl_01J9ZQ4P"
        second.name = "welcome"
        var r = ListTemplatesResponse()
        r.templates = [Self.template(), second]
        r.nextPageToken = "eyJhZnRlciI6IndlbGNvbWUifQ"
        r.totalSize = 42
        try Self.roundTrip(r, fields: 1...3)
    }

    @Test func updateTemplateRequestRoundTrips() throws {
        var r = UpdateTemplateRequest()
        r.template = Self.template()
        r.updateMask = FieldMask(paths: ["subject", "html_body", "labels"])
        r.expectedVersion = -7
        r.validateOnly = true
        try Self.roundTrip(r, fields: 1...4)
        r.expectedVersion = 0  // optional: written even at the default
        try Self.roundTrip(r, fields: 1...4)
    }

    @Test func updateTemplateResponseRoundTrips() throws {
        var r = UpdateTemplateResponse()
        r.template = Self.template()
        try Self.roundTrip(r, fields: 1...1)
    }

    @Test func deleteTemplateRequestRoundTrips() throws {
        var r = DeleteTemplateRequest()
        r.templateID = "tpl_01J9ZQ4N"
        r.expectedVersion = 3
        r.allowMissing = true
        try Self.roundTrip(r, fields: 1...3)
    }

    @Test func deleteTemplateResponseRoundTripsAndKeepsUnknownFields() throws {
        try Self.roundTrip(DeleteTemplateResponse(), fields: [])
        // Field 9 (varint 150) from a newer version of the message is kept and written back.
        let bytes: [UInt8] = [0x48, 0x96, 0x01]
        let decoded = try DeleteTemplateResponse(serializedBytes: bytes)
        #expect(decoded.unknownFields.bytes == bytes)
        #expect(decoded.serializedBytes() == bytes)
        try Self.roundTrip(decoded, fields: [9])
    }

    // MARK: Render and test sends

    @Test func renderTemplateRequestRoundTripsEverySource() throws {
        var r = RenderTemplateRequest()
        r.variables = Self.variables()
        r.source = .templateID("tpl_01J9ZQ4N")
        try Self.roundTrip(r, fields: [1, 3])
        r.source = .template(Self.template())
        try Self.roundTrip(r, fields: [2, 3])
        r.source = .template(Template())  // an empty inline template is still written
        try Self.roundTrip(r, fields: [2, 3])
    }

    @Test func renderTemplateResponseRoundTrips() throws {
        var r = RenderTemplateResponse()
        r.subject = "Reset your password, Ada"
        r.htmlBody = "<p>Hi Ada,</p><li>book</li>"
        r.textBody = "Hi Ada,\nReset: https://example.com/r/abc"
        r.missingVariables = ["link", "order.total"]
        r.warnings = [Self.warning(.missingVariable), Self.warning(.syntaxError)]
        r.templateVersion = -2
        try Self.roundTrip(r, fields: 1...6)
    }

    @Test func renderTemplateWarningRoundTripsEveryCode() throws {
        let codes: [RenderTemplateResponse.Warning.Code] = [
            .missingVariable, .undeclaredVariable, .unusedVariable, .syntaxError, .typeMismatch,
            .htmlProblem, .unrecognized(99),
        ]
        for code in codes {
            try Self.roundTrip(Self.warning(code), fields: 1...6)
            #expect(RenderTemplateResponse.Warning.Code(rawValue: code.rawValue) == code)
        }
    }

    @Test func sendTestEmailRequestRoundTrips() throws {
        var r = SendTestEmailRequest()
        r.templateID = "tpl_01J9ZQ4N"
        r.to = [EmailAddress(address: "qa@example.com", name: "QA"), EmailAddress(address: "dev@example.com")]
        r.from = EmailAddress(address: "no-reply@mail.example.com", name: "Example")
        r.variables = Self.variables()
        try Self.roundTrip(r, fields: 1...4)
    }

    @Test func sendTestEmailResponseRoundTrips() throws {
        var r = SendTestEmailResponse()
        r.messageID = "msg_01J9ZR0A"
        r.missingVariables = ["link", "order.total"]
        try Self.roundTrip(r, fields: 1...2)
    }

    // MARK: Byte-exact vectors, written out from the encoding rules

    @Test func getTemplateRequestBytes() throws {
        var r = GetTemplateRequest()
        r.lookup = .name("")
        r.view = .full
        // field 2 (LEN) = "" -> 0x12 0x00: a oneof member is written even at its default.
        // field 3 (VARINT) = 2 -> 0x18 0x02.
        let expected: [UInt8] = [0x12, 0x00, 0x18, 0x02]
        #expect(r.serializedBytes() == expected)
        #expect(try GetTemplateRequest(serializedBytes: expected) == r)
    }

    @Test func deleteTemplateRequestBytes() throws {
        var r = DeleteTemplateRequest()
        r.templateID = "tpl_1"
        r.expectedVersion = -1
        r.allowMissing = true
        let expected: [UInt8] = [
            0x0A, 0x05, 0x74, 0x70, 0x6C, 0x5F, 0x31,  // field 1 (LEN), 5 bytes "tpl_1"
            0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,  // field 2 (VARINT) -1, ten bytes
            0x18, 0x01,  // field 3 (VARINT) true
        ]
        #expect(r.serializedBytes() == expected)
        #expect(r.serializedSize == 20)
        #expect(try DeleteTemplateRequest(serializedBytes: expected) == r)
    }

    @Test func templateVariableBytes() throws {
        let v = Template.Variable(name: "n", required: true, defaultValue: V(.boolValue(false)), description: "")
        let expected: [UInt8] = [
            0x0A, 0x01, 0x6E,  // field 1 (LEN) "n"
            0x10, 0x01,  // field 2 (VARINT) true
            0x1A, 0x02, 0x20, 0x00,  // field 3 (LEN) Value { bool_value (field 4) = false, written as a oneof member }
        ]
        #expect(v.serializedBytes() == expected)
        #expect(try Template.Variable(serializedBytes: expected) == v)
    }

    // MARK: Decoding details

    @Test func inlineTemplateMergesAcrossRepeatedOccurrences() throws {
        var first = Template()
        first.subject = "Hello"
        var second = Template()
        second.textBody = "Body"
        var a = RenderTemplateRequest()
        a.source = .template(first)
        var b = RenderTemplateRequest()
        b.source = .template(second)
        let decoded = try RenderTemplateRequest(serializedBytes: a.serializedBytes() + b.serializedBytes())
        var merged = first
        merged.textBody = "Body"
        #expect(decoded.source == .template(merged))
        // A later member of the oneof replaces an earlier one.
        var c = RenderTemplateRequest()
        c.source = .templateID("tpl_9")
        let replaced = try RenderTemplateRequest(serializedBytes: a.serializedBytes() + c.serializedBytes())
        #expect(replaced.source == .templateID("tpl_9"))
    }

    @Test func registryListsEveryMessage() {
        let names = RelayMessages.templateService.map { $0.protoMessageName }
        #expect(names == [
            "relay.v1.Template", "relay.v1.Template.Variable",
            "relay.v1.CreateTemplateRequest", "relay.v1.CreateTemplateResponse",
            "relay.v1.GetTemplateRequest", "relay.v1.GetTemplateResponse",
            "relay.v1.ListTemplatesRequest", "relay.v1.ListTemplatesResponse",
            "relay.v1.UpdateTemplateRequest", "relay.v1.UpdateTemplateResponse",
            "relay.v1.DeleteTemplateRequest", "relay.v1.DeleteTemplateResponse",
            "relay.v1.RenderTemplateRequest", "relay.v1.RenderTemplateResponse",
            "relay.v1.RenderTemplateResponse.Warning",
            "relay.v1.SendTestEmailRequest", "relay.v1.SendTestEmailResponse",
        ])
    }
}
