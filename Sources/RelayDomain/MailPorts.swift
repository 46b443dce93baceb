/// The kinds of DNS record Relay looks up.
public enum DNSRecordType: Sendable, Hashable {
    /// Text records (DKIM, SPF, DMARC); a record's strings are joined.
    case txt
    /// An alias.
    case cname
    /// A mail exchanger: `priority host`.
    case mx
    /// An IPv4 address.
    case a
}

/// What DNS said about one name and type.
public enum DNSAnswer: Sendable, Equatable {
    /// The records found: TXT strings of one record joined, CNAME/A values as text, MX as
    /// `"PRIORITY HOST"`; host names without the trailing dot.
    case records([String])
    /// The name does not exist (NXDOMAIN).
    case noSuchName
    /// The name exists but has no record of that type.
    case noData
}

/// Looks up DNS records (the configured resolver; in tests a local DNS server).
public protocol DNSResolver: Sendable {
    /// The answer for `name` and `type`; throws ``DomainError/unavailable(_:)`` when no answer
    /// came (time-out, SERVFAIL, refused).
    func lookUp(_ name: String, _ type: DNSRecordType) async throws(DomainError) -> DNSAnswer
}

/// One message handed to a transport: the envelope and the finished (signed) bytes.
public struct OutgoingEmail: Sendable, Equatable {
    /// The envelope sender (`MAIL FROM`), the return-path address.
    public var envelopeFrom: String
    /// The envelope recipients (`RCPT TO`), at least one.
    public var recipients: [String]
    /// The whole message, headers and body, CRLF line endings, DKIM-signed.
    public var data: [UInt8]
    /// The message's `Message-ID` without angle brackets (outbox file names, logs).
    public var messageID: String

    /// An email to hand to a transport.
    public init(envelopeFrom: String, recipients: [String], data: [UInt8], messageID: String) {
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.data = data
        self.messageID = messageID
    }
}

/// What became of one recipient of an ``OutgoingEmail``.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The next hop accepted the message for this recipient (`detail`: its reply).
    case accepted(detail: String)
    /// A temporary failure (4xx, connection refused, time-out): try again later.
    case deferred(detail: String)
    /// A permanent failure (5xx): a bounce.
    case rejected(code: Int, detail: String)
}

/// Hands finished messages to the next hop: the outbox directory, an SMTP relay, SES.
public protocol MailTransport: Sendable {
    /// Delivers `email`; one outcome per recipient, in the order of `email.recipients`. Never
    /// throws: every failure is an outcome.
    func deliver(_ email: OutgoingEmail) async -> [DeliveryOutcome]
}
