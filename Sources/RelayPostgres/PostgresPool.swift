public import RelayIO
internal import Synchronization

/// A bounded pool of connections to one database.
///
/// - At most ``Options/maxConnections`` are open; a caller beyond that waits in a FIFO queue
///   for up to ``Options/acquireTimeout`` and then gets a ``PostgresError/Kind/poolTimeout``
///   error (retryable: the service is busy, not broken).
/// - Idle connections stay watched by the loop, so one the server closed (a restart) is seen
///   at once and replaced; one idle for longer than ``Options/healthCheckAfterIdle`` is pinged
///   before it is handed out. A connection given back inside a transaction, or broken, is closed.
/// - A pool runs its connections on one event-loop thread, never on Swift's shared pool: by default
///   the `relay-postgres` thread all such pools share, or a loop given at creation (see
///   ``PostgresPoolGroup``), so that callers running on that loop reach it without a thread hop.
public actor PostgresPool {
    /// How big the pool is and how long callers wait.
    public struct Options: Sendable {
        /// The most connections open at once.
        public var maxConnections = 10
        /// How long a caller waits for a free connection.
        public var acquireTimeout: Duration = .seconds(5)
        /// An idle connection older than this is checked with a round trip before reuse.
        public var healthCheckAfterIdle: Duration = .seconds(30)

        /// The defaults: 10 connections, 5 s wait, checks after 30 s idle.
        public init() {}
    }

    /// Counts describing the pool now.
    public struct Statistics: Sendable, Equatable {
        /// Connections open or being opened.
        public let open: Int
        /// Connections open and waiting to be used.
        public let idle: Int
        /// Callers waiting for a connection.
        public let waiting: Int

        /// Counts, as the pool reports them.
        public init(open: Int, idle: Int, waiting: Int) {
            self.open = open
            self.idle = idle
            self.waiting = waiting
        }
    }

    /// The event loop the connections (and the pool itself) run on.
    public nonisolated let loop: EventLoop
    public nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }
    /// Where the connections go.
    public nonisolated let configuration: PostgresConfiguration
    /// The pool's limits.
    public nonisolated let options: Options

    private var idle: [(connection: PostgresConnection, since: ContinuousClock.Instant)] = []
    private var openCount = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0
    private var closed = false

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Result<PostgresConnection, PostgresError>, Never>
        let timer: TimerHandle
    }

    /// The event-loop thread every pool's connections run on.
    static let sharedLoop: EventLoop = {
        do {
            let loop = try EventLoop(name: "relay-postgres")
            loop.start()
            return loop
        } catch {
            fatalError("cannot create the PostgreSQL event loop: \(error)")
        }
    }()

    /// A pool for `configuration` on the shared PostgreSQL loop; connections open on demand.
    public init(configuration: PostgresConfiguration, options: Options = Options()) {
        self.init(configuration: configuration, options: options, loop: Self.sharedLoop)
    }

    /// A pool whose connections run on `loop` (the pool's executor too): a task running on that loop
    /// (such as an RPC handler of that loop) uses it without leaving its thread.
    public init(configuration: PostgresConfiguration, options: Options = Options(), loop: EventLoop) {
        self.configuration = configuration
        self.options = options
        self.loop = loop
    }

    /// Opens a single connection outside any pool, on the loop pools use (for `LISTEN`, or for
    /// holding a session-level lock).
    public static func connect(_ configuration: PostgresConfiguration) async throws(PostgresError) -> PostgresConnection {
        try await PostgresConnection.connect(configuration, on: sharedLoop)
    }

    /// The pool's counts.
    public var statistics: Statistics {
        Statistics(open: openCount, idle: idle.count, waiting: waiters.count)
    }

    // MARK: - Using connections

    /// Runs `body` with a connection of its own, given back afterwards.
    public nonisolated(nonsending) func withConnection<Result>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction on a connection of its own (see
    /// ``PostgresConnection/withTransaction(_:)``).
    public nonisolated(nonsending) func withTransaction<Result>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await withConnection { connection in try await connection.withTransaction(body) }
    }

    /// Runs one statement on a pooled connection.
    public func query(_ query: PostgresQuery) async throws(PostgresError) -> PostgresRows {
        try await leased { connection throws(PostgresError) in try await connection.query(query) }
    }

    /// Runs statements in one round trip and one implicit transaction on a pooled connection.
    public func pipeline(_ queries: [PostgresQuery]) async throws(PostgresError) -> [PostgresRows] {
        try await leased { connection throws(PostgresError) in try await connection.pipeline(queries) }
    }

    /// Runs one operation on a connection of the pool and gives it back, whatever the outcome.
    private func leased<T: Sendable>(
        _ operation: (PostgresConnection) async throws(PostgresError) -> T
    ) async throws(PostgresError) -> T {
        let connection = try await acquire()
        let outcome: Result<T, PostgresError>
        do { outcome = .success(try await operation(connection)) } catch { outcome = .failure(error) }
        await release(connection)
        return try outcome.get()
    }

    /// Closes every connection; callers waiting fail, and later calls fail with ``PostgresError/Kind/closed``.
    public func close() async {
        closed = true
        let error = PostgresError(.closed, "the PostgreSQL pool is closed")
        for waiter in waiters {
            loop.cancel(waiter.timer)
            waiter.continuation.resume(returning: .failure(error))
        }
        waiters.removeAll()
        let connections = idle.map(\.connection)
        idle.removeAll()
        openCount -= connections.count
        for connection in connections { await connection.close() }
    }

    // MARK: - Lending

    /// Takes a connection: an idle one, a new one, or the next one given back.
    public func acquire() async throws(PostgresError) -> PostgresConnection {
        while true {
            if closed { throw PostgresError(.closed, "the PostgreSQL pool is closed") }
            if let (connection, since) = idle.popLast() {
                guard await connection.isReusable else {
                    openCount -= 1
                    await connection.close()
                    continue
                }
                if since.duration(to: .now) > options.healthCheckAfterIdle {
                    do {
                        _ = try await connection.query("SELECT 1")
                    } catch {
                        openCount -= 1
                        await connection.close()
                        continue
                    }
                }
                return connection
            }
            if openCount < options.maxConnections {
                openCount += 1
                return try await openCountedConnection()
            }
            return try await waitForConnection().get()
        }
    }

    /// Gives a connection back: to the first waiter, to the idle list, or closed if unfit.
    public func release(_ connection: PostgresConnection) async {
        guard !closed, await connection.isReusable else {
            openCount -= 1
            await connection.close()
            capacityFreed()
            return
        }
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            loop.cancel(waiter.timer)
            waiter.continuation.resume(returning: .success(connection))
        } else {
            idle.append((connection, .now))
        }
    }

    /// Opens a connection; the caller has counted it in `openCount` already (before any
    /// suspension, so that concurrent callers never exceed the bound).
    private func openCountedConnection() async throws(PostgresError) -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration, on: loop)
        } catch {
            openCount -= 1
            capacityFreed()
            throw error
        }
    }

    private func waitForConnection() async -> Result<PostgresConnection, PostgresError> {
        nextWaiterID += 1
        let id = nextWaiterID
        let timeout = options.acquireTimeout
        return await withCheckedContinuation { continuation in
            let timer = loop.schedule(after: timeout) { [self] in
                assumeIsolated { $0.waiterTimedOut(id, after: timeout) }
            }
            waiters.append(Waiter(id: id, continuation: continuation, timer: timer))
        }
    }

    private func waiterTimedOut(_ id: Int, after timeout: Duration) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.continuation.resume(
            returning: .failure(
                PostgresError(
                    .poolTimeout,
                    "no PostgreSQL connection became free within \(timeout) (\(openCount) of \(options.maxConnections) in use)")))
    }

    /// A connection slot came free: the first waiter gets a new connection.
    private func capacityFreed() {
        guard !closed, !waiters.isEmpty, openCount < options.maxConnections else { return }
        let waiter = waiters.removeFirst()
        loop.cancel(waiter.timer)
        openCount += 1
        Task {
            let outcome: Result<PostgresConnection, PostgresError>
            do throws(PostgresError) {
                outcome = .success(try await self.openCountedConnection())
            } catch {
                outcome = .failure(error)
            }
            waiter.continuation.resume(returning: outcome)
        }
    }
}
