// Codecs for the request side of Protos/relay/v1/send_service.proto: SendEmailRequest and the
// bodies it carries (EmailContent, TemplateReference).

/// `relay.v1.SendEmailRequest`: the request of `SendService.SendEmail`, one message to up to 50
/// recipients.
public struct SendEmailRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.SendEmailRequest"

    /// `oneof body { EmailContent content = 7; TemplateReference template = 8; }`
    public enum Body: Sendable, Hashable {
        /// `EmailContent content = 7;`
        case content(EmailContent)
        /// `TemplateReference template = 8;`
        case template(TemplateReference)
    }

    /// `EmailAddress from = 1;`
    public var from: EmailAddress?
    /// `repeated EmailAddress to = 2;`
    public var to: [EmailAddress] = []
    /// `repeated EmailAddress cc = 3;`
    public var cc: [EmailAddress] = []
    /// `repeated EmailAddress bcc = 4;`
    public var bcc: [EmailAddress] = []
    /// `repeated EmailAddress reply_to = 5;`
    public var replyTo: [EmailAddress] = []
    /// `string subject = 6;`
    public var subject: String = ""
    /// `oneof body` (fields 7 and 8).
    public var body: Body?
    /// `repeated Header headers = 9;`
    public var headers: [Header] = []
    /// `repeated string tags = 10;`
    public var tags: [String] = []
    /// `map<string, string> metadata = 11;`
    public var metadata: [String: String] = [:]
    /// `repeated Attachment attachments = 12;`
    public var attachments: [Attachment] = []
    /// `string idempotency_key = 13;`
    public var idempotencyKey: String = ""
    /// `google.protobuf.Timestamp send_time = 14;`
    public var sendTime: Timestamp?
    /// `optional bool track_opens = 15;`
    public var trackOpens: Bool?
    /// `optional bool track_clicks = 16;`
    public var trackClicks: Bool?
    /// `ListUnsubscribe list_unsubscribe = 17;`
    public var listUnsubscribe: ListUnsubscribe?
    /// `bool validate_only = 18;`
    public var validateOnly: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, from)
        sink.message(2, to)
        sink.message(3, cc)
        sink.message(4, bcc)
        sink.message(5, replyTo)
        sink.string(6, subject)
        switch body {
        case .content(let v)?: sink.message(7, v)
        case .template(let v)?: sink.message(8, v)
        case nil: break
        }
        sink.message(9, headers)
        sink.string(10, tags)
        sink.map(11, metadata)
        sink.message(12, attachments)
        sink.string(13, idempotencyKey)
        sink.message(14, sendTime)
        sink.bool(15, trackOpens)
        sink.bool(16, trackClicks)
        sink.message(17, listUnsubscribe)
        sink.bool(18, validateOnly)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &from)
        case 2: try reader.message(tag, into: &to)
        case 3: try reader.message(tag, into: &cc)
        case 4: try reader.message(tag, into: &bcc)
        case 5: try reader.message(tag, into: &replyTo)
        case 6: try reader.string(tag, into: &subject)
        case 7:
            var v = EmailContent()
            if case .content(let old)? = body { v = old }
            try reader.message(tag, into: &v)
            body = .content(v)
        case 8:
            var v = TemplateReference()
            if case .template(let old)? = body { v = old }
            try reader.message(tag, into: &v)
            body = .template(v)
        case 9: try reader.message(tag, into: &headers)
        case 10: try reader.string(tag, into: &tags)
        case 11: try reader.map(tag, into: &metadata)
        case 12: try reader.message(tag, into: &attachments)
        case 13: try reader.string(tag, into: &idempotencyKey)
        case 14: try reader.message(tag, into: &sendTime)
        case 15: try reader.bool(tag, into: &trackOpens)
        case 16: try reader.bool(tag, into: &trackClicks)
        case 17: try reader.message(tag, into: &listUnsubscribe)
        case 18: try reader.bool(tag, into: &validateOnly)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

extension SendEmailRequest {
    /// `relay.v1.SendEmailRequest.ListUnsubscribe`: the `List-Unsubscribe` (RFC 2369) and
    /// `List-Unsubscribe-Post` (RFC 8058) headers Relay writes.
    public struct ListUnsubscribe: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.SendEmailRequest.ListUnsubscribe"
        /// `string https_url = 1;`
        public var httpsURL: String = ""
        /// `string mailto = 2;`
        public var mailto: String = ""
        /// `bool one_click = 3;`
        public var oneClick: Bool = false
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates the option from an HTTPS address and/or a `mailto:` URI.
        public init(httpsURL: String = "", mailto: String = "", oneClick: Bool = false) {
            self.httpsURL = httpsURL
            self.mailto = mailto
            self.oneClick = oneClick
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, httpsURL)
            sink.string(2, mailto)
            sink.bool(3, oneClick)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &httpsURL)
            case 2: try reader.string(tag, into: &mailto)
            case 3: try reader.bool(tag, into: &oneClick)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}

/// `relay.v1.EmailContent`: a message body written out by the caller (HTML and/or text).
public struct EmailContent: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.EmailContent"
    /// `string html_body = 1;`
    public var htmlBody: String = ""
    /// `string text_body = 2;`
    public var textBody: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a body from its HTML and/or plain-text parts.
    public init(htmlBody: String = "", textBody: String = "") {
        self.htmlBody = htmlBody
        self.textBody = textBody
    }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, htmlBody)
        sink.string(2, textBody)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &htmlBody)
        case 2: try reader.string(tag, into: &textBody)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.TemplateReference`: a stored template and the `{{mustache}}` variables to render it
/// with.
public struct TemplateReference: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.TemplateReference"
    /// `string template_id = 1;`
    public var templateID: String = ""
    /// `google.protobuf.Struct variables = 2;`
    public var variables: Google.Protobuf.Struct?
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a reference to template `templateID` with `variables`.
    public init(templateID: String, variables: Google.Protobuf.Struct? = nil) {
        self.templateID = templateID
        self.variables = variables
    }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, templateID)
        sink.message(2, variables)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &templateID)
        case 2: try reader.message(tag, into: &variables)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
