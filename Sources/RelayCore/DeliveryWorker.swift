internal import Foundation
public import RelayDomain
internal import Synchronization

/// Turns a claimed job into the bytes to hand over: MIME built, DKIM-signed.
public protocol DeliveryComposer: Sendable {
    /// The finished email for the job's pending recipients; `.failedPrecondition` (or any error)
    /// when it cannot be built (no signing key, a key that does not unseal): the recipients fail.
    func compose(_ job: DeliveryJob) throws(DomainError) -> OutgoingEmail
}

/// Delivers queued messages: claims due jobs from the shared queue (any instance may run
/// workers on the same database), composes and hands each to the transport, and records every
/// recipient's outcome with its events. Temporary failures are retried with exponential backoff
/// and jitter until ``Options/maxAttempts``; permanent ones are bounces. A job whose worker died
/// is claimed again once its lease expires.
public final class DeliveryWorker: Sendable {
    /// Concurrency, leases and retries.
    public struct Options: Sendable {
        /// The lease of a claim; a job not finished by then is claimed again.
        public var lease: Duration = .seconds(120)
        /// Jobs claimed at once, and delivered concurrently.
        public var batchSize = 32
        /// How often an idle worker looks for due jobs (it is also woken by ``wake()``).
        public var idlePoll: Duration = .milliseconds(250)
        /// The first retry's delay; each next one doubles, up to ``maxBackoff``.
        public var firstBackoff: Duration = .seconds(60)
        /// The longest delay between attempts.
        public var maxBackoff: Duration = .seconds(3600)
        /// Attempts per recipient before it fails for good.
        public var maxAttempts = 8
        /// The worker's name in leases.
        public var owner = "relay-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"

        /// Defaults: leases of 2 min, 32 jobs at a time, retries from 1 min doubling to 1 h, 8 attempts.
        public init() {}
    }

    private let queue: any DeliveryQueue
    private let composer: any DeliveryComposer
    private let transport: any MailTransport
    private let options: Options
    private let wakeUps = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let woken = Atomic<Bool>(false)

    /// A worker over `queue`, building with `composer`, handing over to `transport`.
    public init(queue: any DeliveryQueue, composer: any DeliveryComposer, transport: any MailTransport, options: Options = Options()) {
        self.queue = queue
        self.composer = composer
        self.transport = transport
        self.options = options
    }

    /// Wakes an idle worker (new messages were queued).
    public func wake() {
        let waiter = wakeUps.withLock { waiter -> CheckedContinuation<Void, Never>? in
            guard let taken = waiter else {
                woken.store(true, ordering: .relaxed)
                return nil
            }
            waiter = nil
            return taken
        }
        waiter?.resume()
    }

    /// Delivers until the task is cancelled; failures of the database are retried.
    public func run() async {
        // The idle poll: a wake-up every `idlePoll`, besides those of new messages.
        let ticker = Task { [options] in
            while !Task.isCancelled {
                try? await Task.sleep(for: options.idlePoll)
                self.wake()
            }
        }
        defer { ticker.cancel() }
        while !Task.isCancelled {
            let jobs: [DeliveryJob]
            do {
                jobs = try await queue.claim(owner: options.owner, limit: options.batchSize, lease: options.lease)
            } catch {
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            if jobs.isEmpty {
                await idle()
                continue
            }
            // Every job of the round is attempted at once; their outcomes are recorded together,
            // in one transaction. A database failure leaves the jobs to be claimed again when their
            // lease ends; a lost claim records nothing.
            let finished = await withTaskGroup(of: FinishedAttempt.self) { group in
                for job in jobs { group.addTask { await self.attempt(job) } }
                var finished: [FinishedAttempt] = []
                for await one in group { finished.append(one) }
                return finished
            }
            _ = try? await queue.finish(finished)
        }
    }

    /// Waits for the next wake-up (at once if one came since the last wait).
    private func idle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = wakeUps.withLock { waiter -> Bool in
                if woken.exchange(false, ordering: .relaxed) { return true }
                waiter = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Delivers one job; returns its outcomes, to record.
    func attempt(_ job: DeliveryJob) async -> FinishedAttempt {
        let now = Date()
        var attempts: [RecipientAttempt] = []
        var size = 0
        do {
            let email = try composer.compose(job)
            size = email.data.count
            let outcomes = await transport.deliver(email)
            for (index, pending) in job.pending.enumerated() {
                let outcome = index < outcomes.count ? outcomes[index] : .deferred(detail: "the transport gave no outcome")
                attempts.append(attempt(pending, outcome, now: now))
            }
        } catch {
            attempts = job.pending.map {
                RecipientAttempt(
                    normalizedAddress: $0.normalizedAddress, status: .failed, attempt: $0.attempts + 1,
                    detail: "the message could not be built: \(error)", smtpCode: 0, nextAttemptAt: nil)
            }
        }
        return FinishedAttempt(job: job, attempts: attempts, size: size)
    }

    private func attempt(_ pending: (normalizedAddress: String, attempts: Int), _ outcome: DeliveryOutcome, now: Date) -> RecipientAttempt {
        let number = pending.attempts + 1
        switch outcome {
        case .accepted(let detail):
            return RecipientAttempt(
                normalizedAddress: pending.normalizedAddress, status: .delivered, attempt: number, detail: detail,
                smtpCode: Self.code(in: detail), nextAttemptAt: nil)
        case .rejected(let code, let detail):
            return RecipientAttempt(
                normalizedAddress: pending.normalizedAddress, status: .bounced, attempt: number, detail: detail, smtpCode: code,
                nextAttemptAt: nil)
        case .deferred(let detail):
            if number >= options.maxAttempts {
                return RecipientAttempt(
                    normalizedAddress: pending.normalizedAddress, status: .failed, attempt: number,
                    detail: "gave up after \(number) attempts; the last: \(detail)", smtpCode: Self.code(in: detail), nextAttemptAt: nil)
            }
            return RecipientAttempt(
                normalizedAddress: pending.normalizedAddress, status: .deferred, attempt: number, detail: detail,
                smtpCode: Self.code(in: detail), nextAttemptAt: now.addingTimeInterval(backoff(after: number)))
        }
    }

    /// The delay before attempt `number + 1`: doubling from the first backoff, capped, with ±20% jitter.
    func backoff(after number: Int) -> TimeInterval {
        let first = Double(options.firstBackoff.components.seconds) + Double(options.firstBackoff.components.attoseconds) / 1e18
        let cap = Double(options.maxBackoff.components.seconds) + Double(options.maxBackoff.components.attoseconds) / 1e18
        let base = min(cap, first * pow(2, Double(max(0, number - 1))))
        return base * Double.random(in: 0.8...1.2)
    }

    /// The SMTP reply code a detail holds (`"451 try later"`, `"RCPT TO: 451 4.3.0 busy"` → 451), or 0.
    static func code(in detail: String) -> Int {
        for word in detail.split(separator: " ").prefix(4) {
            if word.count == 3, let code = Int(word), (200...599).contains(code) { return code }
        }
        return 0
    }
}
