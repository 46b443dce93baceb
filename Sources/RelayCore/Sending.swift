public import Foundation
public import RelayDomain
internal import Synchronization
internal import struct RelayMail.EmailAddress

/// One message a caller asks to send, as the contract's `SendEmailRequest` says it.
public struct SendRequest: Sendable {
    /// The sender.
    public var from: MailAddress?
    /// The recipients.
    public var to: [MailAddress] = []
    /// Carbon copies.
    public var cc: [MailAddress] = []
    /// Blind carbon copies.
    public var bcc: [MailAddress] = []
    /// `Reply-To`.
    public var replyTo: [MailAddress] = []
    /// The subject.
    public var subject = ""
    /// The HTML body; nil when the request has no written-out content.
    public var htmlBody: String?
    /// The text body.
    public var textBody: String?
    /// Whether the request names a template instead of content.
    public var usesTemplate = false
    /// Extra headers.
    public var headers: [MailHeader] = []
    /// Labels.
    public var tags: [String] = []
    /// Key-value data.
    public var metadata: [String: String] = [:]
    /// Files.
    public var attachments: [MailAttachment] = []
    /// The idempotency key; empty for none.
    public var idempotencyKey = ""
    /// The request as encoded without its idempotency key: its SHA-256 is the fingerprint an
    /// idempotency key is bound to.
    public var canonicalBytes: [UInt8] = []
    /// When to send; nil for now.
    public var sendAt: Date?
    /// `List-Unsubscribe`, if asked for.
    public var listUnsubscribe: ListUnsubscribe?
    /// Check only; store and send nothing.
    public var validateOnly = false

    /// An empty request.
    public init() {}
}

/// What SendEmail answers for one message.
public struct SendResult: Sendable, Equatable {
    /// One recipient's fate.
    public struct Recipient: Sendable, Equatable {
        /// The address as given.
        public var address: String
        /// Queued (true) or skipped.
        public var accepted: Bool
        /// Why it was skipped.
        public var reason: String
        /// The suppression entry that caused the skip.
        public var suppressionID: UUID?
    }

    /// The message; nil for a validation only.
    public var messageID: MessageID?
    /// QUEUED or SUPPRESSED.
    public var status: MessageStatus
    /// Every distinct recipient.
    public var recipients: [Recipient]
    /// When it was accepted.
    public var createdAt: Date
    /// When it is scheduled.
    public var sendAt: Date?
}

/// The outcome of sending one message.
public enum SendOutcome: Sendable {
    /// Accepted now (or checked, for a validation only).
    case sent(SendResult)
    /// The stored response of an earlier request with the same idempotency key.
    case replayed(response: [UInt8])
    /// Refused: the error SendEmail would answer.
    case refused(DomainError)
}

/// The send use case: validates messages, checks the sender's domain and the suppression list,
/// and stores accepted messages durably (with their delivery jobs and first events) before
/// answering, together with those of concurrent calls (``SendCommitter``). Each message is
/// accepted or refused on its own.
public struct Sending: Sendable {
    /// Limits of the contract.
    public static let maxRecipients = 50
    /// The largest encoded message.
    public static let maxMessageBytes = 25 * 1024 * 1024

    private let domains: any DomainRepository
    private let domainCache = SendingDomainCache()
    private let committer: SendCommitter
    private let messageIDHost: String
    private let clock: @Sendable () -> Date

    /// Sending over the repositories; `Message-ID`s are `<msg_…@messageIDHost>`.
    public init(
        domains: any DomainRepository, messages: any MessageRepository, messageIDHost: String,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.domains = domains
        committer = SendCommitter(messages: messages)
        self.messageIDHost = messageIDHost
        self.clock = clock
    }

    /// Sends `requests` (1 for SendEmail, up to 50 for a batch) for `principal`; one outcome per
    /// request, in order. `response` encodes the answer that an idempotency key will replay.
    public func send(
        _ requests: [SendRequest], by principal: Principal, response: @escaping @Sendable (SendResult) -> [UInt8]
    ) async throws(DomainError) -> [SendOutcome] {
        let now = clock()
        var outcomes: [SendOutcome] = []
        var prepared: [(index: Int, message: NewMessage)] = []
        for (index, request) in requests.enumerated() {
            do {
                prepared.append((index, try await prepare(request, principal: principal, now: now)))
                outcomes.append(.refused(.internalError("not sent")))
            } catch {
                outcomes.append(.refused(error))
            }
        }
        guard !prepared.isEmpty else { return outcomes }
        let items = prepared.map { index, message in
            SendCommitter.Item(
                message: message, validateOnly: requests[index].validateOnly, idempotencyKey: requests[index].idempotencyKey,
                canonicalBytes: requests[index].canonicalBytes, response: response)
        }
        let stored = try await committer.commit(items, organization: principal.organizationID)
        for ((index, _), outcome) in zip(prepared, stored) { outcomes[index] = outcome }
        return outcomes
    }

    static func result(of message: NewMessage, sendAt: Date?) -> SendResult {
        SendResult(
            messageID: message.id, status: message.initialStatus,
            recipients: message.recipients.map {
                SendResult.Recipient(
                    address: $0.address.address, accepted: $0.isAccepted, reason: $0.suppressionReason ?? "", suppressionID: $0.suppressionID)
            },
            createdAt: message.createdAt, sendAt: sendAt)
    }

    /// The message to store for `request`, or the first thing wrong with it.
    private func prepare(_ request: SendRequest, principal: Principal, now: Date) async throws(DomainError) -> NewMessage {
        guard let fromGiven = request.from, !fromGiven.address.isEmpty else {
            throw .invalidArgument(field: "from", reason: "is required")
        }
        let from = try SendValidation.address(fromGiven, field: "from")
        var seen = Set<String>()
        var recipients: [NewRecipient] = []
        for (list, kind, name) in [(request.to, RecipientKind.to, "to"), (request.cc, .cc, "cc"), (request.bcc, .bcc, "bcc")] {
            for (i, given) in list.enumerated() {
                let address = try SendValidation.address(given, field: "\(name)[\(i)]")
                let normalized = SendValidation.normalized(address)
                guard seen.insert(normalized).inserted else { continue }
                recipients.append(
                    NewRecipient(address: MailAddress(address: given.address, name: given.name), normalizedAddress: normalized, kind: kind))
            }
        }
        guard !recipients.isEmpty else { throw .invalidArgument(field: "to", reason: "at least one recipient (to, cc or bcc) is required") }
        guard recipients.count <= Self.maxRecipients else {
            throw .invalidArgument(field: "to", reason: "to, cc and bcc hold \(recipients.count) distinct addresses; at most \(Self.maxRecipients)")
        }
        guard request.replyTo.count <= 10 else { throw .invalidArgument(field: "reply_to", reason: "at most 10 addresses") }
        var replyTo: [MailAddress] = []
        for (i, given) in request.replyTo.enumerated() {
            replyTo.append(MailAddress(address: try SendValidation.address(given, field: "reply_to[\(i)]").address, name: given.name))
        }
        if request.usesTemplate {
            throw .failedPrecondition("sending with a template is not available in this version of Relay yet; send the content")
        }
        let html = request.htmlBody ?? ""
        let text = request.textBody ?? ""
        guard !html.isEmpty || !text.isEmpty else {
            throw .invalidArgument(field: "content", reason: "is required: an HTML body, a text body, or both")
        }
        try SendValidation.subject(request.subject)
        try SendValidation.headers(request.headers)
        try SendValidation.tags(request.tags)
        try SendValidation.metadata(request.metadata)
        try SendValidation.attachments(request.attachments, bodies: html.utf8.count + text.utf8.count)
        try SendValidation.idempotencyKey(request.idempotencyKey)
        try SendValidation.listUnsubscribe(request.listUnsubscribe)
        var sendAt = request.sendAt
        if let at = sendAt {
            guard at <= now.addingTimeInterval(72 * 3600) else {
                throw .invalidArgument(field: "send_time", reason: "is more than 72 hours ahead")
            }
            if at <= now { sendAt = nil }
        }
        // The sender's domain: a verified domain of the organization.
        let domainName = from.domain
        guard let domain = try await domainCache.domain(named: domainName, in: principal.organizationID, now: now, from: domains) else {
            throw .failedPrecondition("\(domainName) is not a sending domain of this organization: add it with DomainService.CreateDomain and verify it")
        }
        guard domain.sendingAllowed(at: now) else {
            throw .failedPrecondition(
                "\(domainName) is not verified (\(domain.statusDetail.isEmpty ? "status \(domain.status)" : domain.statusDetail)): publish its DNS records and call DomainService.VerifyDomain")
        }
        let id = MessageID(UUID.timeOrdered(at: now))
        return NewMessage(
            id: id, organizationID: principal.organizationID, domainID: domain.id, domainName: domain.name,
            from: MailAddress(address: from.address, name: fromGiven.name), replyTo: replyTo, subject: request.subject, htmlBody: html,
            textBody: text, headers: request.headers, tags: request.tags, metadata: request.metadata, attachments: request.attachments,
            recipients: recipients, listUnsubscribe: request.listUnsubscribe, sendAt: sendAt, apiKeyID: principal.keyID,
            rfc822MessageID: "<\(id)@\(messageIDHost)>", createdAt: now)
    }
}

/// The verified sending domains looked up lately, for a few seconds: a burst of sends from one
/// domain asks the database once. A domain that may not send is looked up every time (so a domain
/// verified a moment ago sends at once); a deletion or degradation takes effect within that time.
final class SendingDomainCache: Sendable {
    static let lifetime: TimeInterval = 5
    private struct Key: Hashable {
        let organization: OrganizationID
        let name: String
    }

    private let entries = Mutex<[Key: (domain: SendingDomain, fetched: Date)]>([:])

    func domain(named name: String, in organization: OrganizationID, now: Date, from domains: any DomainRepository) async throws(DomainError)
        -> SendingDomain?
    {
        let key = Key(organization: organization, name: name)
        if let entry = entries.withLock({ $0[key] }), now.timeIntervalSince(entry.fetched) < Self.lifetime { return entry.domain }
        let found = try await domains.find(named: name, in: organization)
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            if let found, found.sendingAllowed(at: now) { entries[key] = (found, now) } else { entries[key] = nil }
        }
        return found
    }
}
