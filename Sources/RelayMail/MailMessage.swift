public import Foundation

/// An outgoing message as plain values, before it is built into MIME bytes.
public struct MailMessage: Sendable, Equatable {
    /// The author (`From`).
    public var from: EmailAddress
    /// The primary recipients (`To`).
    public var to: [EmailAddress]
    /// The carbon-copy recipients (`Cc`).
    public var cc: [EmailAddress]
    /// The blind carbon-copy recipients: envelope recipients only, never in a header.
    public var bcc: [EmailAddress]
    /// Where replies go (`Reply-To`); empty for none.
    public var replyTo: [EmailAddress]
    /// The subject line (one line, any Unicode text).
    public var subject: String
    /// The plain-text part; nil or empty for none.
    public var textBody: String?
    /// The HTML part; nil or empty for none.
    public var htmlBody: String?
    /// Files to attach; those with a content id are inline parts the HTML refers to as `cid:`.
    public var attachments: [MailAttachment]
    /// Extra header fields, in order.
    public var headers: [MailHeader]
    /// The `List-Unsubscribe` (RFC 2369) and `List-Unsubscribe-Post` (RFC 8058) headers.
    public var listUnsubscribe: ListUnsubscribe?
    /// The `Message-ID` without angle brackets; nil to generate `<random@from-domain>`.
    public var messageID: String?
    /// The `Date` header's time.
    public var date: Date

    /// A message from `from`; every other part is set through the properties.
    public init(
        from: EmailAddress, to: [EmailAddress] = [], cc: [EmailAddress] = [], bcc: [EmailAddress] = [],
        replyTo: [EmailAddress] = [], subject: String = "", textBody: String? = nil, htmlBody: String? = nil,
        attachments: [MailAttachment] = [], headers: [MailHeader] = [], listUnsubscribe: ListUnsubscribe? = nil,
        messageID: String? = nil, date: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments
        self.headers = headers
        self.listUnsubscribe = listUnsubscribe
        self.messageID = messageID
        self.date = date
    }
}

/// A file attached to a message.
public struct MailAttachment: Sendable, Equatable {
    /// The file name shown to the recipient (no path separators).
    public var filename: String
    /// The MIME type, such as `application/pdf`; empty for `application/octet-stream`.
    public var contentType: String
    /// The file's bytes.
    public var content: [UInt8]
    /// For an inline image: the Content-ID the HTML refers to as `cid:…` (without brackets).
    public var contentID: String?

    /// An attachment; with a `contentID` it is inline.
    public init(filename: String, contentType: String = "", content: [UInt8], contentID: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.content = content
        self.contentID = contentID
    }
}

/// One extra header field.
public struct MailHeader: Sendable, Equatable {
    /// The field name, such as `X-Ticket-Id`.
    public var name: String
    /// The value (one line; non-ASCII is RFC 2047-encoded when written).
    public var value: String

    /// A header field `name: value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The unsubscribe options of a message: an HTTPS URL, a `mailto:` URI, or both, and whether the
/// URL takes RFC 8058 one-click POSTs.
public struct ListUnsubscribe: Sendable, Equatable {
    /// The `https://` URL, or nil.
    public var httpsURL: String?
    /// A `mailto:` URI or a bare address, or nil.
    public var mailto: String?
    /// Whether to write `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (needs `httpsURL`).
    public var oneClick: Bool

    /// Unsubscribe options; at least one of `httpsURL` and `mailto` is needed.
    public init(httpsURL: String? = nil, mailto: String? = nil, oneClick: Bool = false) {
        self.httpsURL = httpsURL
        self.mailto = mailto
        self.oneClick = oneClick
    }
}

/// A built message: the bytes to sign and send, and what a transport needs to know.
public struct BuiltMessage: Sendable, Equatable {
    /// The whole message (headers, blank line, body), CRLF line endings.
    public var data: [UInt8]
    /// The `Message-ID` without angle brackets.
    public var messageID: String
    /// The envelope recipients (`To`, `Cc`, then `Bcc`; each address once, the first kept).
    public var recipients: [String]
    /// Whether delivery needs SMTPUTF8 (an address with a non-ASCII local part).
    public var requiresSMTPUTF8: Bool

    /// The size of the message in bytes, for size limits.
    public var size: Int { data.count }
}
