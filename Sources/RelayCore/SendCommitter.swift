internal import Foundation
internal import RelayCrypto
internal import RelayDomain
internal import Synchronization

/// Stores the messages of concurrent send calls together: group commit in the application.
///
/// Each durable commit costs a WAL flush, and commits of one organization contend for the same
/// parent rows; so the messages of calls that arrive while a commit is in flight are stored by the
/// next one, in one transaction (one pipeline), up to ``maxItems``. No
/// call waits for a timer: a commit starts as soon as a committer is free, and at most
/// ``maxCommitters`` run at once. The calling tasks do the work themselves (leader/followers): a
/// caller that finds a committer free becomes one and commits the queue until its own messages
/// are stored, then hands the role to the next waiting caller. Every call still answers only
/// after its own messages are durable.
final class SendCommitter: Sendable {
    /// One message to store, with what its answer depends on.
    struct Item: Sendable {
        var message: NewMessage
        var validateOnly: Bool
        var idempotencyKey: String
        var canonicalBytes: [UInt8]
        var response: @Sendable (SendResult) -> [UInt8]
    }

    fileprivate enum Wake: Sendable {
        case done(Result<[SendOutcome], DomainError>)
        case lead
    }

    /// One call's messages, and where the call stands (under one lock, so that an outcome or the
    /// committer's role cannot slip between a check and a wait).
    private final class Call: Sendable {
        struct Standing {
            var outcome: Result<[SendOutcome], DomainError>?
            var waiter: CheckedContinuation<Wake, Never>?
            var leadRequested = false
            /// The call has been given its outcome: it will not wait again, nor take the role.
            var delivered = false
        }

        let items: [Item]
        let organization: OrganizationID
        let standing = Mutex(Standing())

        init(items: [Item], organization: OrganizationID) {
            self.items = items
            self.organization = organization
        }

        var isStored: Bool { standing.withLock { $0.outcome != nil } }

        /// Waits for the outcome, or for the committer's role.
        func wait() async -> Wake {
            await withCheckedContinuation { (continuation: CheckedContinuation<Wake, Never>) in
                let now = standing.withLock { standing -> Wake? in
                    // The role first: a call handed the role must pass it on, stored or not.
                    if standing.leadRequested {
                        standing.leadRequested = false
                        return .lead
                    }
                    if let outcome = standing.outcome {
                        standing.delivered = true
                        return .done(outcome)
                    }
                    standing.waiter = continuation
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        }

        /// Gives the call its outcome (waking it if it waits).
        func finish(_ outcome: Result<[SendOutcome], DomainError>) {
            let waiter = standing.withLock { standing -> CheckedContinuation<Wake, Never>? in
                standing.outcome = outcome
                defer { standing.waiter = nil }
                if standing.waiter != nil { standing.delivered = true }
                return standing.waiter
            }
            waiter?.resume(returning: .done(outcome))
        }

        /// Makes the call a committer (now if it waits, else as soon as it does); `false` when it
        /// has already been given its outcome (stored by another committer meanwhile), so that the
        /// role goes to another call instead of being lost.
        func lead() -> Bool {
            let (accepted, waiter) = standing.withLock { standing -> (Bool, CheckedContinuation<Wake, Never>?) in
                if standing.delivered { return (false, nil) }
                guard let waiter = standing.waiter else {
                    standing.leadRequested = true
                    return (true, nil)
                }
                standing.waiter = nil
                return (true, waiter)
            }
            waiter?.resume(returning: .lead)
            return accepted
        }
    }

    private struct State {
        var queue: [Call] = []
        var committers = 0
        /// Queued calls already handed the committer's role (each takes it once).
        var designated: Set<ObjectIdentifier> = []
    }

    /// Commits in flight at once. Accepting is bound by the database's CPU: more concurrent
    /// transactions than about twice its cores only make each group smaller (bench/send on 2
    /// cores: 8 in flight gave SendEmailBatch about 44k messages/s, 4 about 48k, 2 about 46k with
    /// the CPUs idle a quarter of the time; SendEmail 14k, 19k, 19k).
    static let maxCommitters = 4
    static let maxItems = 500
    private let messages: any MessageRepository
    private let state = Mutex(State())

    init(messages: any MessageRepository) { self.messages = messages }

    /// How many calls hold the committer's role now (0 when no call is in flight).
    var activeCommitters: Int { state.withLock { $0.committers } }

    /// Stores `items` (of `organization`), with those of concurrent calls; one outcome per item.
    func commit(_ items: [Item], organization: OrganizationID) async throws(DomainError) -> [SendOutcome] {
        let call = Call(items: items, organization: organization)
        let leads = state.withLock { state -> Bool in
            state.queue.append(call)
            guard state.committers < Self.maxCommitters else { return false }
            state.committers += 1
            return true
        }
        if !leads, case .done(let result) = await call.wait() { return try result.get() }
        // A committer: commit groups from the queue until this call's messages are stored.
        while !call.isStored {
            guard let group = nextGroup() else { break }
            await store(group)
        }
        handOver()
        // Stored by this committer, or being stored by another one that took it from the queue.
        while true {
            switch await call.wait() {
            case .done(let result): return try result.get()
            // Never expected (a call leaves the queue before it is stored, and only queued calls
            // are handed the role), but a role taken must be passed on.
            case .lead: handOver()
            }
        }
    }

    /// The next calls to commit together: the first queued call's organization, up to maxItems.
    private func nextGroup() -> [Call]? {
        state.withLock { state in
            guard let first = state.queue.first else { return nil }
            var taken: [Call] = []
            var rest: [Call] = []
            var count = 0
            for call in state.queue {
                if call.organization == first.organization && (taken.isEmpty || count + call.items.count <= Self.maxItems) {
                    taken.append(call)
                    count += call.items.count
                } else {
                    rest.append(call)
                }
            }
            state.queue = rest
            for call in taken { state.designated.remove(ObjectIdentifier(call)) }
            return taken
        }
    }

    /// Passes the committer's role to the first queued call not handed it yet, or gives it up.
    /// That call may be taken and stored by another committer before it hears of the role: then
    /// the next one is asked.
    private func handOver() {
        while true {
            let next = state.withLock { state -> Call? in
                guard let first = state.queue.first(where: { !state.designated.contains(ObjectIdentifier($0)) }) else {
                    state.committers -= 1
                    return nil
                }
                state.designated.insert(ObjectIdentifier(first))
                return first
            }
            guard let next, !next.lead() else { return }
        }
    }

    /// Stores one group and gives each call its outcomes.
    private func store(_ group: [Call]) async {
        let items = group.flatMap(\.items)
        let result: Result<[SendOutcome], DomainError>
        do {
            result = .success(try await Self.store(items, organization: group[0].organization, messages: messages))
        } catch {
            result = .failure(error)
        }
        var offset = 0
        for call in group {
            call.finish(result.map { Array($0[offset..<offset + call.items.count]) })
            offset += call.items.count
        }
    }

    /// The suppression list applied, the answers made, and the messages stored, in one
    /// transaction for all `items`. Usually no recipient is suppressed: the messages are stored on
    /// that condition, checked in the same transaction, without a lookup first; only when it fails
    /// (or a validate-only call needs the answer without storing) are the recipients looked up.
    private static func store(_ items: [Item], organization: OrganizationID, messages: any MessageRepository) async throws(DomainError)
        -> [SendOutcome]
    {
        let addresses = Array(Set(items.flatMap { $0.message.recipients.map(\.normalizedAddress) }))
        if !items.contains(where: \.validateOnly) {
            let (outcomes, accepted) = plan(items, suppressed: [:])
            if let stored = try await messages.accept(accepted.map(\.message), ifNoneSuppressed: addresses) {
                return settle(outcomes, accepted: accepted, stored: stored, items: items)
            }
        }
        let (outcomes, accepted) = plan(items, suppressed: try await messages.suppressions(of: addresses, in: organization))
        guard !accepted.isEmpty else { return outcomes }
        return settle(outcomes, accepted: accepted, stored: try await messages.accept(accepted.map(\.message)), items: items)
    }

    /// Each item's answer given the suppression entries found, and the messages to store.
    private static func plan(_ items: [Item], suppressed: [String: (id: UUID, reason: String)])
        -> (outcomes: [SendOutcome], accepted: [(index: Int, message: NewMessage)])
    {
        var outcomes: [SendOutcome] = []
        var accepted: [(index: Int, message: NewMessage)] = []
        outcomes.reserveCapacity(items.count)
        accepted.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            var message = item.message
            if !suppressed.isEmpty {
                for i in message.recipients.indices {
                    if let entry = suppressed[message.recipients[i].normalizedAddress] {
                        message.recipients[i].suppressionID = entry.id
                        message.recipients[i].suppressionReason = entry.reason
                    }
                }
            }
            var result = Sending.result(of: message, sendAt: message.sendAt)
            if item.validateOnly {
                result.messageID = nil
                outcomes.append(.sent(result))
                continue
            }
            if !item.idempotencyKey.isEmpty {
                message.idempotency = IdempotencyRecord(
                    key: item.idempotencyKey, requestHash: SHA256.hash(item.canonicalBytes), response: item.response(result))
            }
            outcomes.append(.sent(result))
            accepted.append((index, message))
        }
        return (outcomes, accepted)
    }

    /// The answers, with those of messages stopped by their idempotency key replaced.
    private static func settle(
        _ outcomes: [SendOutcome], accepted: [(index: Int, message: NewMessage)], stored: [AcceptOutcome], items: [Item]
    ) -> [SendOutcome] {
        var outcomes = outcomes
        for ((index, _), outcome) in zip(accepted, stored) {
            switch outcome {
            case .accepted: break
            case .replayed(let bytes): outcomes[index] = .replayed(response: bytes)
            case .keyReused:
                outcomes[index] = .refused(
                    .alreadyExists("the idempotency key \"\(items[index].idempotencyKey)\" was used in the last 24 hours with a different request"))
            }
        }
        return outcomes
    }
}
