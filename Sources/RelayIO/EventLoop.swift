internal import Glibc
internal import CRelayIO
internal import Synchronization

/// Something registered with an event loop that reacts when its file descriptor is ready.
/// Called on the loop's thread only.
public protocol IOHandler: AnyObject {
    /// The descriptor is readable (or hung up, or in error: the read reports which).
    func readable()
    /// The descriptor is writable.
    func writable()
}

/// One event-loop thread: an epoll set, an eventfd for wake-ups, timers, and a queue of jobs.
///
/// The loop is a `SerialExecutor` (actors such as a connection run on it) and, through
/// ``taskExecutor``, a `TaskExecutor`, so Swift tasks can run on it without a thread hop: a handler
/// that prefers this loop runs on the thread that owns its connection.
///
/// The two roles are two objects because the runtime must run a job as the role it was queued
/// for: a task's nonisolated code run as if isolated to the loop's serial executor would make
/// every return to nonisolated code (each interceptor, each `nonisolated(nonsending)` frame) a
/// queued job of its own.
public final class EventLoop: SerialExecutor, @unchecked Sendable {
    // The mutable state below is owned by the loop thread, except `pending`, which any thread
    // may touch under its mutex. `@unchecked Sendable` rests on that split.
    private let epollFD: Int32
    private var handlers: [Int32: any IOHandler] = [:]
    private var timers = TimerHeap()
    private var local: [() -> Void] = []
    private let inbox: Inbox
    private var wakeFD: Int32 { inbox.wakeFD }
    private var threadID: pthread_t?
    private let name: String

    /// How many rounds of queued jobs run before the loop-local work and the next epoll_wait.
    static let maxRounds = 64

    /// The loop in its `TaskExecutor` role: tasks that prefer it run their nonisolated code here.
    public let taskExecutor: LoopTaskExecutor

    /// A queued job and the role it was queued for.
    fileprivate struct QueuedJob {
        let job: UnownedJob
        let asTask: Bool
    }

    fileprivate struct PendingWork: ~Copyable {
        var jobs: [QueuedJob] = []
        var closures: [@Sendable () -> Void] = []
        var stopping = false
        var sleeping = false
    }

    /// Creates a loop; call ``start()`` to give it a thread.
    public init(name: String = "relay-loop") throws(IOError) {
        self.name = name
        epollFD = try syscall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        let wakeFD = try syscall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
        inbox = Inbox(wakeFD: wakeFD)
        taskExecutor = LoopTaskExecutor(inbox)
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = wakeFD
        _ = try syscall("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event) }
    }

    deinit {
        close(epollFD)
    }

    /// Whether the caller runs on this loop's thread.
    public var inLoop: Bool {
        guard let threadID else { return false }
        return pthread_equal(threadID, pthread_self()) != 0
    }

    /// Starts the loop on a new thread.
    public func start() {
        let box = Unmanaged.passRetained(self)
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { raw in
            let loop = Unmanaged<EventLoop>.fromOpaque(raw!).takeRetainedValue()
            loop.run()
            return nil
        }, box.toOpaque())
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_detach(thread)
    }

    /// Asks the loop to stop after its current iteration; returns at once.
    public func stop() {
        inbox.pending.withLock { $0.stopping = true }
        inbox.wake()
    }

    /// Runs `work` on the loop thread (soon, in order with other work).
    public func execute(_ work: @escaping @Sendable () -> Void) {
        let wasSleeping = inbox.pending.withLock { state in
            state.closures.append(work)
            return state.sleeping
        }
        if wasSleeping { inbox.wake() }
    }

    /// Runs `work` later in this loop iteration or the next, from the loop thread itself. The closure
    /// may capture loop-owned, non-Sendable state: it never leaves this thread.
    public func executeSoon(_ work: @escaping () -> Void) {
        precondition(inLoop, "executeSoon is called on the loop thread")
        local.append(work)
    }

    /// Calls `action` on the loop thread after `delay`; returns a handle that cancels it.
    @discardableResult
    public func schedule(after delay: Duration, _ action: @escaping () -> Void) -> TimerHandle {
        precondition(inLoop, "timers are scheduled from the loop thread")
        let deadline = Monotonic.now() &+ delay.nanosecondsClamped
        return timers.insert(deadline: deadline, action: action)
    }

    /// Cancels a timer scheduled on this loop (no-op if it already fired).
    public func cancel(_ timer: TimerHandle) {
        precondition(inLoop)
        timers.cancel(timer)
    }

    /// Watches `fd` for readability (and for writability when `writable` is true).
    public func register(_ fd: Int32, handler: any IOHandler, writable: Bool = false) throws(IOError) {
        precondition(inLoop)
        var event = epoll_event()
        event.events = Self.mask(writable: writable)
        event.data.fd = fd
        _ = try syscall("epoll_ctl(ADD)") { epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) }
        handlers[fd] = handler
    }

    /// Changes whether `fd` is watched for writability.
    public func setWritableInterest(_ fd: Int32, _ writable: Bool) throws(IOError) {
        precondition(inLoop)
        var event = epoll_event()
        event.events = Self.mask(writable: writable)
        event.data.fd = fd
        _ = try syscall("epoll_ctl(MOD)") { epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event) }
    }

    /// Stops (or resumes) all readiness events for `fd` while keeping its handler registered,
    /// such as a listener paused while the process is out of descriptors.
    public func setPaused(_ fd: Int32, _ paused: Bool) throws(IOError) {
        precondition(inLoop)
        var event = epoll_event()
        event.events = paused ? 0 : Self.mask(writable: false)
        event.data.fd = fd
        _ = try syscall("epoll_ctl(MOD)") { epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event) }
    }

    /// Whether `handler` is the one registered for `fd`.
    public func isRegistered(_ fd: Int32, handler: any IOHandler) -> Bool {
        precondition(inLoop)
        return handlers[fd].map { $0 === handler } ?? false
    }

    /// Stops watching `fd` (the caller closes it).
    public func deregister(_ fd: Int32) {
        precondition(inLoop)
        if handlers.removeValue(forKey: fd) != nil {
            _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
        }
    }

    private static func mask(writable: Bool) -> UInt32 {
        EPOLLIN.rawValue | EPOLLRDHUP.rawValue | (writable ? EPOLLOUT.rawValue : 0)
    }


    private func run() {
        threadID = pthread_self()
        _ = name.withCString { pthread_setname_np(pthread_self(), $0) }
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        while true {
            // Run queued jobs and closures, and what they queue in turn, for a bounded number of
            // rounds before the loop-local work (flushes): a handler writing many messages in a row
            // then leaves the loop with one write instead of one per message.
            var ranWork = false
            var stopping = false
            for _ in 0..<Self.maxRounds {
                let (jobs, closures, stop) = inbox.pending.withLock { state in
                    let taken = (state.jobs, state.closures, state.stopping)
                    state.jobs.removeAll(keepingCapacity: true)
                    state.closures.removeAll(keepingCapacity: true)
                    state.sleeping = taken.0.isEmpty && taken.1.isEmpty && !taken.2
                    return taken
                }
                stopping = stop
                if jobs.isEmpty && closures.isEmpty { break }
                ranWork = true
                let serial = asUnownedSerialExecutor()
                let tasks = taskExecutor.asUnownedTaskExecutor()
                for queued in jobs {
                    if queued.asTask {
                        queued.job.runSynchronously(on: tasks)
                    } else {
                        queued.job.runSynchronously(isolatedTo: serial, taskExecutor: tasks)
                    }
                }
                for closure in closures { closure() }
                if stopping { break }
            }
            var index = 0
            while index < local.count {
                local[index]()
                index += 1
            }
            local.removeAll(keepingCapacity: true)
            if stopping { break }
            if ranWork {
                // More work may have been queued meanwhile; look again before sleeping.
                inbox.pending.withLock { $0.sleeping = $0.jobs.isEmpty && $0.closures.isEmpty }
            }
            let sleep = inbox.pending.withLock { $0.sleeping } && local.isEmpty
            let timeout = sleep ? timers.millisecondsUntilNext(now: Monotonic.now()) : 0
            let count = events.withUnsafeMutableBufferPointer { buffer in
                epoll_wait(epollFD, buffer.baseAddress, Int32(buffer.count), timeout)
            }
            inbox.pending.withLock { $0.sleeping = false }
            if count > 0 {
                for i in 0..<Int(count) {
                    let fd = events[i].data.fd
                    let flags = events[i].events
                    if fd == wakeFD {
                        var value: UInt64 = 0
                        _ = read(wakeFD, &value, 8)
                        continue
                    }
                    if flags & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
                        handlers[fd]?.readable()
                    }
                    if flags & EPOLLOUT.rawValue != 0 {
                        handlers[fd]?.writable()
                    }
                }
            }
            let now = Monotonic.now()
            while let action = timers.popExpired(now: now) { action() }
        }
        handlers.removeAll()
    }

    // MARK: Executors

    public func enqueue(_ job: consuming ExecutorJob) {
        inbox.enqueue(UnownedJob(job), asTask: false)
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    public func isSameExclusiveExecutionContext(other: EventLoop) -> Bool { other === self }

    public func checkIsolated() {
        precondition(inLoop, "expected to run on event loop \(name)")
    }
}

/// An ``EventLoop`` as a `TaskExecutor`: the nonisolated code of tasks that prefer it runs on the
/// loop's thread.
public final class LoopTaskExecutor: TaskExecutor {
    private let inbox: Inbox

    fileprivate init(_ inbox: Inbox) { self.inbox = inbox }

    public func enqueue(_ job: consuming ExecutorJob) {
        inbox.enqueue(UnownedJob(job), asTask: true)
    }
}

/// What other threads hand to a loop (jobs, closures, a stop request), and the eventfd that wakes
/// it; shared by the loop and its task executor.
private final class Inbox: Sendable {
    let pending = Mutex(EventLoop.PendingWork())
    let wakeFD: Int32

    init(wakeFD: Int32) { self.wakeFD = wakeFD }

    deinit { close(wakeFD) }

    func enqueue(_ job: UnownedJob, asTask: Bool) {
        let wasSleeping = pending.withLock { state in
            state.jobs.append(EventLoop.QueuedJob(job: job, asTask: asTask))
            return state.sleeping
        }
        if wasSleeping { wake() }
    }

    func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }
}

extension Duration {
    /// The duration in nanoseconds, clamped to `0 ... Int64.max`.
    var nanosecondsClamped: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        let (ns, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return UInt64(Int64.max) }
        return min(ns &+ UInt64(attoseconds / 1_000_000_000), UInt64(Int64.max))
    }
}

/// Reads the monotonic clock.
enum Monotonic {
    /// Nanoseconds since an arbitrary fixed point.
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
