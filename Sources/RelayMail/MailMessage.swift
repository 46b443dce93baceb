public import Foundation
public import RelayDomain

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

// Attachments, extra headers and List-Unsubscribe options are RelayDomain's `MailAttachment`,
// `MailHeader` and `ListUnsubscribe`.

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
