internal import Glibc
public import RelayDomain
import Synchronization

/// A ``MailTransport`` that relays through an SMTP server with libcurl: STARTTLS (required or
/// opportunistic) or implicit TLS, `AUTH`, one outcome per recipient from the server's replies.
/// Messages are handed to a small pool of worker threads (libcurl blocks), each keeping its
/// connection open from message to message.
public final class SMTPTransport: MailTransport {
    private let pool: SMTPWorkerPool
    /// The configuration the transport was made with.
    public let configuration: SMTPTransportConfiguration

    /// Starts `configuration.poolSize` workers; connections open with the first messages.
    public init(_ configuration: SMTPTransportConfiguration) {
        self.configuration = configuration
        self.pool = SMTPWorkerPool(configuration)
    }

    deinit { pool.stop() }

    public func deliver(_ email: OutgoingEmail) async -> [DeliveryOutcome] {
        if email.recipients.isEmpty { return [] }
        if let bad = ([email.envelopeFrom] + email.recipients).first(where: Self.isUnsafeAddress) {
            let outcome = DeliveryOutcome.rejected(code: 553, detail: "not sent: '\(bad)' is not a valid address")
            return Array(repeating: outcome, count: email.recipients.count)
        }
        return await withCheckedContinuation { continuation in
            pool.submit(SMTPJob(email: email, continuation: continuation))
        }
    }

    /// Lets the workers finish the messages they are sending, defers the queued ones, and
    /// closes the connections (QUIT).
    public func shutdown() { pool.stop() }

    /// An address that could break the command line it goes into.
    static func isUnsafeAddress(_ address: String) -> Bool {
        address.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }
}

struct SMTPJob: Sendable {
    let email: OutgoingEmail
    let continuation: CheckedContinuation<[DeliveryOutcome], Never>
}

/// Worker threads taking jobs from one queue; a counting semaphore wakes them.
final class SMTPWorkerPool: @unchecked Sendable {
    private struct Queue {
        var jobs: [SMTPJob] = []
        var head = 0
        var stopping = false
    }

    private let queue = Mutex(Queue())
    private let signal: UnsafeMutablePointer<sem_t>
    private let workers: Int

    init(_ configuration: SMTPTransportConfiguration) {
        workers = max(1, configuration.poolSize)
        signal = .allocate(capacity: 1)
        sem_init(signal, 0, 0)
        for _ in 0..<workers { startWorker(configuration) }
    }

    func submit(_ job: SMTPJob) {
        let accepted = queue.withLock { queue in
            if queue.stopping { return false }
            queue.jobs.append(job)
            return true
        }
        if accepted {
            sem_post(signal)
        } else {
            job.continuation.resume(returning: Array(repeating: .deferred(detail: "the SMTP transport is shut down"), count: job.email.recipients.count))
        }
    }

    func stop() {
        let first = queue.withLock { queue in
            let wasStopping = queue.stopping
            queue.stopping = true
            return !wasStopping
        }
        guard first else { return }
        for _ in 0..<workers { sem_post(signal) }
    }

    /// The next job, or nil when the pool stops (jobs still queued are deferred).
    private func next() -> SMTPJob? {
        while true {
            while sem_wait(signal) != 0 && errno == EINTR {}
            let (job, leftovers) = queue.withLock { queue -> (SMTPJob?, [SMTPJob]) in
                if queue.stopping {
                    let rest = Array(queue.jobs[queue.head...])
                    queue.jobs = []
                    queue.head = 0
                    return (nil, rest)
                }
                guard queue.head < queue.jobs.count else { return (nil, []) }
                let job = queue.jobs[queue.head]
                queue.head += 1
                if queue.head > 64 && queue.head * 2 > queue.jobs.count {
                    queue.jobs.removeFirst(queue.head)
                    queue.head = 0
                }
                return (job, [])
            }
            for job in leftovers {
                job.continuation.resume(returning: Array(repeating: .deferred(detail: "the SMTP transport is shut down"), count: job.email.recipients.count))
            }
            if let job { return job }
            if queue.withLock({ $0.stopping }) { return nil }
        }
    }

    private func startWorker(_ configuration: SMTPTransportConfiguration) {
        let context = Unmanaged.passRetained(WorkerStart(pool: self, configuration: configuration)).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { raw in
            let start = Unmanaged<WorkerStart>.fromOpaque(raw!).takeRetainedValue()
            start.pool.work(start.configuration)
            return nil
        }, context)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_detach(thread)
    }

    private func work(_ configuration: SMTPTransportConfiguration) {
        let session = SMTPSession(configuration)
        while let job = next() {
            guard let session else {
                job.continuation.resume(returning: Array(repeating: .deferred(detail: "libcurl could not be initialized"), count: job.email.recipients.count))
                continue
            }
            job.continuation.resume(returning: session.deliver(job.email))
        }
    }

    deinit {
        sem_destroy(signal)
        signal.deallocate()
    }
}

private final class WorkerStart {
    let pool: SMTPWorkerPool
    let configuration: SMTPTransportConfiguration
    init(pool: SMTPWorkerPool, configuration: SMTPTransportConfiguration) {
        self.pool = pool
        self.configuration = configuration
    }
}
