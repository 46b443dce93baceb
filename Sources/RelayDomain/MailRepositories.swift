public import Foundation

/// Sending domains, their DKIM keys and DNS records, always within one organization.
public protocol DomainRepository: Sendable {
    /// Stores a new domain with its first key and records; `.alreadyExists` if the organization
    /// has a live domain of that name.
    func create(_ domain: SendingDomain) async throws(DomainError) -> SendingDomain
    /// The live domain `id`; `.notFound` otherwise (also for another organization's).
    func get(_ id: DomainID, in organization: OrganizationID) async throws(DomainError) -> SendingDomain
    /// The live domain named `name`, if any.
    func find(named name: String, in organization: OrganizationID) async throws(DomainError) -> SendingDomain?
    /// A page of live domains (of `status`, when given), by name, after `name` (exclusive); and
    /// how many there are.
    func list(in organization: OrganizationID, after name: String?, status: DomainStatus?, limit: Int) async throws(DomainError)
        -> (domains: [SendingDomain], totalCount: Int)
    /// Records a check: the records' outcomes and the domain's new status (and activates a
    /// pending key whose record verified, retiring the active one).
    func recordCheck(_ domain: SendingDomain) async throws(DomainError) -> SendingDomain
    /// Adds a new (pending) key to the domain, with the records of `domain` that are not stored yet.
    func addKey(_ key: DKIMKey, to domain: SendingDomain) async throws(DomainError) -> SendingDomain
    /// Claims up to `limit` live domains whose next automatic check is due, for `lease` seconds
    /// (their next check moves that far ahead, so other instances skip them).
    func claimDueChecks(limit: Int, lease: TimeInterval) async throws(DomainError) -> [(DomainID, OrganizationID)]
    /// Soft-deletes the domain.
    func delete(_ id: DomainID, in organization: OrganizationID) async throws(DomainError)
}

/// The email log: accepting messages (with their first events and delivery jobs) and reading them.
public protocol MessageRepository: Sendable {
    /// Stores each message in one transaction with the others: its row, recipients, content,
    /// attachments, delivery job, QUEUED/SUPPRESSED events and idempotency record. A message
    /// whose idempotency key was used before is not stored (its outcome says why).
    func accept(_ messages: [NewMessage]) async throws(DomainError) -> [AcceptOutcome]
    /// ``accept(_:)`` on the condition, checked in the same transaction, that none of
    /// `addresses` (normalized) is on the suppression list: `nil`, and nothing stored, when one is.
    /// Saves the separate lookup when, as usual, no recipient is suppressed.
    func accept(_ messages: [NewMessage], ifNoneSuppressed addresses: [String]) async throws(DomainError) -> [AcceptOutcome]?
    /// The live suppression entries among `addresses` (normalized), by address: the entry's id
    /// and the reason to report, such as `suppressed: hard bounce`.
    func suppressions(of addresses: [String], in organization: OrganizationID) async throws(DomainError)
        -> [String: (id: UUID, reason: String)]
    /// A message and its events, oldest first.
    func get(_ id: MessageID, in organization: OrganizationID) async throws(DomainError) -> StoredMessage
}

/// A message as recorded, with its recipients' states and its events.
public struct StoredMessage: Sendable, Equatable {
    /// One recipient's delivery state.
    public struct Recipient: Sendable, Equatable {
        /// The address as given.
        public var address: MailAddress
        /// To, cc or bcc.
        public var kind: RecipientKind
        /// Its status.
        public var status: MessageStatus
        /// Attempts made.
        public var attempts: Int
        /// The last outcome in words.
        public var detail: String
        /// The last SMTP code; 0 when none.
        public var smtpCode: Int
        /// When its status last changed.
        public var updatedAt: Date
        /// The next attempt, while deferred.
        public var nextAttemptAt: Date?

        /// A recipient's state.
        public init(
            address: MailAddress, kind: RecipientKind, status: MessageStatus, attempts: Int, detail: String, smtpCode: Int,
            updatedAt: Date, nextAttemptAt: Date?
        ) {
            self.address = address
            self.kind = kind
            self.status = status
            self.attempts = attempts
            self.detail = detail
            self.smtpCode = smtpCode
            self.updatedAt = updatedAt
            self.nextAttemptAt = nextAttemptAt
        }
    }

    /// Its id.
    public var id: MessageID
    /// The sender.
    public var from: MailAddress
    /// `Reply-To`.
    public var replyTo: [MailAddress]
    /// The subject as sent.
    public var subject: String
    /// Its overall status.
    public var status: MessageStatus
    /// Tags and metadata of the request.
    public var tags: [String]
    /// The caller's key-value data.
    public var metadata: [String: String]
    /// The sending domain.
    public var domainID: DomainID
    /// The sending domain's name.
    public var domainName: String
    /// Size of the encoded message; 0 until built.
    public var sizeBytes: Int
    /// Attached files.
    public var attachmentCount: Int
    /// When it was accepted, last changed, scheduled.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// When it is scheduled to be sent.
    public var sendAt: Date?
    /// Its recipients in request order.
    public var recipients: [Recipient]
    /// The idempotency key of the request.
    public var idempotencyKey: String
    /// The key that sent it.
    public var apiKeyID: APIKeyID?
    /// The `Message-ID` header.
    public var rfc822MessageID: String
    /// Its events, oldest first.
    public var events: [DeliveryEvent]

    /// A message as read.
    public init(
        id: MessageID, from: MailAddress, replyTo: [MailAddress], subject: String, status: MessageStatus, tags: [String],
        metadata: [String: String], domainID: DomainID, domainName: String, sizeBytes: Int, attachmentCount: Int,
        createdAt: Date, updatedAt: Date, sendAt: Date?, recipients: [Recipient], idempotencyKey: String, apiKeyID: APIKeyID?,
        rfc822MessageID: String, events: [DeliveryEvent]
    ) {
        self.id = id
        self.from = from
        self.replyTo = replyTo
        self.subject = subject
        self.status = status
        self.tags = tags
        self.metadata = metadata
        self.domainID = domainID
        self.domainName = domainName
        self.sizeBytes = sizeBytes
        self.attachmentCount = attachmentCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sendAt = sendAt
        self.recipients = recipients
        self.idempotencyKey = idempotencyKey
        self.apiKeyID = apiKeyID
        self.rfc822MessageID = rfc822MessageID
        self.events = events
    }
}

/// A claimed delivery job: everything a worker needs to build, sign and hand over the message.
public struct DeliveryJob: Sendable {
    /// The job's row.
    public var id: UUID
    /// The claim's fencing token (the job's attempt count after this claim).
    public var claim: Int
    /// The message to build, as accepted.
    public var message: NewMessage
    /// The return-path (envelope sender) domain.
    public var returnPathDomain: String
    /// The domain's active DKIM key; nil if it has none (the message is then failed).
    public var signingKey: DKIMKey?
    /// The recipients still to deliver (queued or deferred), by normalized address, with the
    /// attempts made so far.
    public var pending: [(normalizedAddress: String, attempts: Int)]

    /// A job.
    public init(
        id: UUID, claim: Int, message: NewMessage, returnPathDomain: String, signingKey: DKIMKey?,
        pending: [(normalizedAddress: String, attempts: Int)]
    ) {
        self.id = id
        self.claim = claim
        self.message = message
        self.returnPathDomain = returnPathDomain
        self.signingKey = signingKey
        self.pending = pending
    }
}

/// What one delivery attempt came to for one recipient.
public struct RecipientAttempt: Sendable, Equatable {
    /// The recipient.
    public var normalizedAddress: String
    /// Its new status: delivered, deferred, bounced or failed.
    public var status: MessageStatus
    /// The attempt's number (1 for the first).
    public var attempt: Int
    /// The reply or reason.
    public var detail: String
    /// The SMTP code; 0 when none.
    public var smtpCode: Int
    /// For a deferral: when to try again.
    public var nextAttemptAt: Date?

    /// An attempt's outcome.
    public init(normalizedAddress: String, status: MessageStatus, attempt: Int, detail: String, smtpCode: Int, nextAttemptAt: Date?) {
        self.normalizedAddress = normalizedAddress
        self.status = status
        self.attempt = attempt
        self.detail = detail
        self.smtpCode = smtpCode
        self.nextAttemptAt = nextAttemptAt
    }
}

/// One job's delivery attempt, to record.
public struct FinishedAttempt: Sendable {
    /// The claimed job.
    public var job: DeliveryJob
    /// Its recipients' outcomes.
    public var attempts: [RecipientAttempt]
    /// The size of the message handed over (0 when it could not be built).
    public var size: Int

    /// An attempt to record.
    public init(job: DeliveryJob, attempts: [RecipientAttempt], size: Int) {
        self.job = job
        self.attempts = attempts
        self.size = size
    }
}

/// The outbound queue: jobs claimed under a lease by any instance's workers.
public protocol DeliveryQueue: Sendable {
    /// Claims up to `limit` due jobs (`FOR UPDATE SKIP LOCKED`) for `lease`, as `owner`.
    func claim(owner: String, limit: Int, lease: Duration) async throws(DomainError) -> [DeliveryJob]
    /// Records each attempt's outcomes (recipients, message status, events) and ends its job, or
    /// schedules it again at the earliest `nextAttemptAt`, all in one transaction; false for a job
    /// whose claim was lost (another worker took it over after the lease expired), for which
    /// nothing is recorded.
    func finish(_ finished: [FinishedAttempt]) async throws(DomainError) -> [Bool]
}

/// The organization event logs, read in cursor order.
public protocol EventLog: Sendable {
    /// Up to `limit` events of `organization` after `cursor`, only from transactions that can no
    /// longer be overtaken; and the position read up to (the last event's cursor, or the frontier
    /// when nothing newer is visible).
    func events(in organization: OrganizationID, after cursor: EventCursor, limit: Int) async throws(DomainError)
        -> (events: [DeliveryEvent], position: EventCursor)
    /// The cursor of the first event at or after `date` (for a start-time replay).
    func cursor(in organization: OrganizationID, at date: Date) async throws(DomainError) -> EventCursor
    /// The current end of `organization`'s log: a cursor after every visible event.
    func end(of organization: OrganizationID) async throws(DomainError) -> EventCursor
}
