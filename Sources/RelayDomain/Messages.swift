public import Foundation
private import Synchronization

/// Where a message (or one recipient of it) is in its life; raw values are the contract's
/// `MessageStatus` numbers, as stored.
public enum MessageStatus: Int16, Sendable, CaseIterable {
    case queued = 1, sent, delivered, deferred, bounced, failed, suppressed

    /// Whether nothing more will happen to it (delivered, bounced, failed, suppressed).
    public var isFinal: Bool { self == .delivered || self == .bounced || self == .failed || self == .suppressed }
}

/// The kind of a delivery event; raw values are the contract's `EventType` numbers.
public enum EventType: Int16, Sendable, CaseIterable {
    case queued = 1, sent, delivered, deferred, bounced, failed, suppressed, opened, clicked, complained, unsubscribed
}

/// How a recipient was addressed; raw values are the contract's `RecipientType` numbers.
public enum RecipientKind: Int16, Sendable {
    case to = 1, cc, bcc
}

/// An address with an optional display name, as the caller gave it.
public struct MailAddress: Sendable, Hashable {
    /// `local@domain`.
    public var address: String
    /// The display name; empty for none.
    public var name: String

    /// An address and its display name.
    public init(address: String, name: String = "") {
        self.address = address
        self.name = name
    }
}

/// One extra header of a message.
public struct MailHeader: Sendable, Hashable {
    /// The header's name, such as `X-Ticket-Id`.
    public var name: String
    /// Its value, without CR or LF.
    public var value: String

    /// A header.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A file attached to a message.
public struct MailAttachment: Sendable, Hashable {
    /// The file name shown to the recipient.
    public var filename: String
    /// The MIME type.
    public var contentType: String
    /// For inline images, the Content-ID the HTML refers to as `cid:…` (without brackets); empty
    /// for an ordinary attachment.
    public var contentID: String
    /// The bytes.
    public var content: [UInt8]

    /// An attachment; with a `contentID` it is inline. An empty type means `application/octet-stream`.
    public init(filename: String, contentType: String = "", content: [UInt8], contentID: String = "") {
        self.filename = filename
        self.contentType = contentType
        self.contentID = contentID
        self.content = content
    }
}

/// The `List-Unsubscribe` headers to write (RFC 2369, RFC 8058).
public struct ListUnsubscribe: Sendable, Hashable {
    /// The HTTPS unsubscribe address; empty for none.
    public var httpsURL: String
    /// The `mailto:` URI or bare address; empty for none.
    public var mailto: String
    /// Whether to write `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (needs `httpsURL`).
    public var oneClick: Bool

    /// The headers' contents; at least one of `httpsURL` and `mailto` is needed.
    public init(httpsURL: String = "", mailto: String = "", oneClick: Bool = false) {
        self.httpsURL = httpsURL
        self.mailto = mailto
        self.oneClick = oneClick
    }
}

/// One distinct recipient of a message being accepted.
public struct NewRecipient: Sendable, Hashable {
    /// The address as given, and its display name.
    public var address: MailAddress
    /// The key of the recipient within its message and in searches: lower case.
    public var normalizedAddress: String
    /// To, cc or bcc.
    public var kind: RecipientKind
    /// Why the recipient is skipped (such as `suppressed: hard bounce`); nil when it is delivered to.
    public var suppressionReason: String?
    /// The suppression entry that made it skipped.
    public var suppressionID: UUID?

    /// A recipient to deliver to.
    public init(address: MailAddress, normalizedAddress: String, kind: RecipientKind) {
        self.address = address
        self.normalizedAddress = normalizedAddress
        self.kind = kind
    }

    /// Whether the recipient is delivered to (not suppressed).
    public var isAccepted: Bool { suppressionReason == nil }
}

/// A message the send service accepted, as it is stored (with its first events and its job) in
/// one transaction.
///
/// Its fields live in one immutable box, so that passing a message along (from validation to the
/// committer to the statement that stores it) copies one reference, not twenty; a change makes a
/// new box.
public struct NewMessage: Sendable {
    /// The fields, as stored in the box.
    private struct Fields: Sendable {
        var id: MessageID
        var organizationID: OrganizationID
        var domainID: DomainID
        var domainName: String
        var from: MailAddress
        var replyTo: [MailAddress]
        var subject: String
        var htmlBody: String
        var textBody: String
        var headers: [MailHeader]
        var tags: [String]
        var metadata: [String: String]
        var attachments: [MailAttachment]
        var recipients: [NewRecipient]
        var listUnsubscribe: ListUnsubscribe?
        var sendAt: Date?
        var apiKeyID: APIKeyID?
        var rfc822MessageID: String
        var createdAt: Date
        var idempotency: IdempotencyRecord?
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private mutating func change(_ body: (inout Fields) -> Void) {
        var fields = box.fields
        body(&fields)
        box = Box(fields)
    }

    /// Its id, made by the service (time-ordered).
    public var id: MessageID {
        get { box.fields.id }
        set { change { $0.id = newValue } }
    }
    /// Its organization.
    public var organizationID: OrganizationID {
        get { box.fields.organizationID }
        set { change { $0.organizationID = newValue } }
    }
    /// The verified sending domain of `from`.
    public var domainID: DomainID {
        get { box.fields.domainID }
        set { change { $0.domainID = newValue } }
    }
    /// The domain's name.
    public var domainName: String {
        get { box.fields.domainName }
        set { change { $0.domainName = newValue } }
    }
    /// The sender.
    public var from: MailAddress {
        get { box.fields.from }
        set { change { $0.from = newValue } }
    }
    /// `Reply-To`.
    public var replyTo: [MailAddress] {
        get { box.fields.replyTo }
        set { change { $0.replyTo = newValue } }
    }
    /// The subject as it will be sent.
    public var subject: String {
        get { box.fields.subject }
        set { change { $0.subject = newValue } }
    }
    /// The bodies; at least one is not empty.
    public var htmlBody: String {
        get { box.fields.htmlBody }
        set { change { $0.htmlBody = newValue } }
    }
    /// The plain-text body.
    public var textBody: String {
        get { box.fields.textBody }
        set { change { $0.textBody = newValue } }
    }
    /// The caller's extra headers.
    public var headers: [MailHeader] {
        get { box.fields.headers }
        set { change { $0.headers = newValue } }
    }
    /// Labels for filters.
    public var tags: [String] {
        get { box.fields.tags }
        set { change { $0.tags = newValue } }
    }
    /// The caller's key-value data.
    public var metadata: [String: String] {
        get { box.fields.metadata }
        set { change { $0.metadata = newValue } }
    }
    /// Attached files.
    public var attachments: [MailAttachment] {
        get { box.fields.attachments }
        set { change { $0.attachments = newValue } }
    }
    /// The distinct recipients, in request order (to, cc, bcc).
    public var recipients: [NewRecipient] {
        get { box.fields.recipients }
        set { change { $0.recipients = newValue } }
    }
    /// `List-Unsubscribe`, when asked for.
    public var listUnsubscribe: ListUnsubscribe? {
        get { box.fields.listUnsubscribe }
        set { change { $0.listUnsubscribe = newValue } }
    }
    /// When to send; nil for now.
    public var sendAt: Date? {
        get { box.fields.sendAt }
        set { change { $0.sendAt = newValue } }
    }
    /// The API key that sent it.
    public var apiKeyID: APIKeyID? {
        get { box.fields.apiKeyID }
        set { change { $0.apiKeyID = newValue } }
    }
    /// The `Message-ID` header value, with angle brackets.
    public var rfc822MessageID: String {
        get { box.fields.rfc822MessageID }
        set { change { $0.rfc822MessageID = newValue } }
    }
    /// When it was accepted.
    public var createdAt: Date {
        get { box.fields.createdAt }
        set { change { $0.createdAt = newValue } }
    }
    /// The idempotency record to keep with it, if the caller gave a key.
    public var idempotency: IdempotencyRecord? {
        get { box.fields.idempotency }
        set { change { $0.idempotency = newValue } }
    }

    /// A message to store.
    public init(
        id: MessageID, organizationID: OrganizationID, domainID: DomainID, domainName: String, from: MailAddress,
        replyTo: [MailAddress] = [], subject: String, htmlBody: String, textBody: String, headers: [MailHeader] = [],
        tags: [String] = [], metadata: [String: String] = [:], attachments: [MailAttachment] = [], recipients: [NewRecipient],
        listUnsubscribe: ListUnsubscribe? = nil, sendAt: Date? = nil, apiKeyID: APIKeyID?, rfc822MessageID: String,
        createdAt: Date, idempotency: IdempotencyRecord? = nil
    ) {
        box = Box(Fields(
            id: id,
            organizationID: organizationID,
            domainID: domainID,
            domainName: domainName,
            from: from,
            replyTo: replyTo,
            subject: subject,
            htmlBody: htmlBody,
            textBody: textBody,
            headers: headers,
            tags: tags,
            metadata: metadata,
            attachments: attachments,
            recipients: recipients,
            listUnsubscribe: listUnsubscribe,
            sendAt: sendAt,
            apiKeyID: apiKeyID,
            rfc822MessageID: rfc822MessageID,
            createdAt: createdAt,
            idempotency: idempotency))
    }

    /// QUEUED when a recipient is delivered to, SUPPRESSED when every one is skipped.
    public var initialStatus: MessageStatus { recipients.contains(where: \.isAccepted) ? .queued : .suppressed }
}

/// What an idempotency key stands for: the request's fingerprint and the response it got.
public struct IdempotencyRecord: Sendable, Equatable {
    /// The caller's key.
    public var key: String
    /// SHA-256 of the request as encoded (without the key).
    public var requestHash: [UInt8]
    /// The encoded response of the first request.
    public var response: [UInt8]

    /// A record to keep for 24 hours.
    public init(key: String, requestHash: [UInt8], response: [UInt8]) {
        self.key = key
        self.requestHash = requestHash
        self.response = response
    }
}

/// What storing one message came to.
public enum AcceptOutcome: Sendable, Equatable {
    /// Stored now.
    case accepted
    /// The idempotency key was used before with the same request: its stored response.
    case replayed(response: [UInt8])
    /// The idempotency key was used before with a different request.
    case keyReused
}

/// A position in an organization's event log: the inserting transaction and the event's id.
public struct EventCursor: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The inserting transaction's id (`xid8`).
    public var transaction: UInt64
    /// The event's id.
    public var id: Int64

    /// A cursor.
    public init(transaction: UInt64, id: Int64) {
        self.transaction = transaction
        self.id = id
    }

    /// The beginning of the log.
    public static let start = EventCursor(transaction: 0, id: 0)

    /// Opaque text: `evt_` and both numbers in hex.
    public var description: String { "evt_" + String(transaction, radix: 16) + "_" + String(id, radix: 16) }

    /// Parses ``description``; nil for anything else.
    public init?(text: String) {
        guard text.hasPrefix("evt_") else { return nil }
        let parts = text.dropFirst(4).split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, let transaction = UInt64(parts[0], radix: 16), let id = Int64(parts[1], radix: 16), id >= 0 else {
            return nil
        }
        self.init(transaction: transaction, id: id)
    }

    public static func < (a: Self, b: Self) -> Bool { (a.transaction, a.id) < (b.transaction, b.id) }
}

/// One entry of the event log.
public struct DeliveryEvent: Sendable, Equatable {
    /// Its position.
    public var cursor: EventCursor
    /// What happened.
    public var type: EventType
    /// The message.
    public var messageID: MessageID
    /// The recipient concerned; empty for the whole message.
    public var recipient: String
    /// When it happened.
    public var occurredAt: Date
    /// The message's sending domain.
    public var domain: String
    /// The message's tags.
    public var tags: [String]
    /// The SMTP reply, the bounce reason, …
    public var detail: String
    /// The SMTP reply code; 0 when none.
    public var smtpCode: Int
    /// The delivery attempt; 0 when not an attempt.
    public var attempt: Int
    /// The message's metadata.
    public var metadata: [String: String]

    /// An event.
    public init(
        cursor: EventCursor, type: EventType, messageID: MessageID, recipient: String, occurredAt: Date, domain: String,
        tags: [String], detail: String, smtpCode: Int, attempt: Int, metadata: [String: String]
    ) {
        self.cursor = cursor
        self.type = type
        self.messageID = messageID
        self.recipient = recipient
        self.occurredAt = occurredAt
        self.domain = domain
        self.tags = tags
        self.detail = detail
        self.smtpCode = smtpCode
        self.attempt = attempt
        self.metadata = metadata
    }
}

/// Which events a reader wants; empty lists match everything.
public struct EventFilter: Sendable, Equatable {
    /// Event types.
    public var types: Set<EventType> = []
    /// Sending domains' names.
    public var domains: Set<String> = []
    /// At least one of these tags.
    public var tags: Set<String> = []
    /// One message.
    public var messageID: MessageID?

    /// Everything.
    public init() {}

    /// Whether `event` passes.
    public func matches(_ event: DeliveryEvent) -> Bool {
        (types.isEmpty || types.contains(event.type)) && (domains.isEmpty || domains.contains(event.domain))
            && (tags.isEmpty || event.tags.contains(where: tags.contains)) && (messageID.map { $0 == event.messageID } ?? true)
    }
}

extension UUID {
    /// A time-ordered UUID (version 7, RFC 9562): 48 bits of Unix milliseconds, then a 42-bit
    /// counter and 32 random bits (RFC 9562 §6.2, method 1), so that new rows land at the end of
    /// their indexes, in the order made within a process. The counter starts at a random value
    /// each millisecond, and the system's random source is read once per millisecond and clock.
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let (counter, random) = TimeOrderedState.shared.withLock { $0.next(milliseconds: milliseconds) }
        let high = milliseconds << 16 | 0x7000 | (counter >> 30) & 0x0FFF
        let low = 0x8000_0000_0000_0000 | (counter & 0x3FFF_FFFF) << 32 | UInt64(random)
        return UUID(uuid: (
            UInt8(truncatingIfNeeded: high >> 56), UInt8(truncatingIfNeeded: high >> 48), UInt8(truncatingIfNeeded: high >> 40),
            UInt8(truncatingIfNeeded: high >> 32), UInt8(truncatingIfNeeded: high >> 24), UInt8(truncatingIfNeeded: high >> 16),
            UInt8(truncatingIfNeeded: high >> 8), UInt8(truncatingIfNeeded: high), UInt8(truncatingIfNeeded: low >> 56),
            UInt8(truncatingIfNeeded: low >> 48), UInt8(truncatingIfNeeded: low >> 40), UInt8(truncatingIfNeeded: low >> 32),
            UInt8(truncatingIfNeeded: low >> 24), UInt8(truncatingIfNeeded: low >> 16), UInt8(truncatingIfNeeded: low >> 8),
            UInt8(truncatingIfNeeded: low)))
    }
}

/// The process's UUIDv7 state: the millisecond last used, its counter, and random bits drawn
/// from a generator reseeded from the system with each new millisecond.
private struct TimeOrderedState {
    static let shared = Mutex(TimeOrderedState())

    private var milliseconds: UInt64 = 0
    private var counter: UInt64 = 0
    private var bits = SplitMix(seed: 0)

    mutating func next(milliseconds now: UInt64) -> (counter: UInt64, random: UInt32) {
        if now > milliseconds || counter >= 0x3FF_FFFF_FFFF {
            var system = SystemRandomNumberGenerator()
            let seed = system.next() as UInt64
            bits = SplitMix(seed: seed)
            // The counter starts in the lower half of its range, leaving room to count up.
            counter = seed >> 23
            milliseconds = max(now, milliseconds)
        } else {
            counter += 1
        }
        return (counter, UInt32(truncatingIfNeeded: bits.next()))
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): fills the random tail of ids within one millisecond.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed ^ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
