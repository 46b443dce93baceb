internal import CLibPQ
internal import Glibc
public import RelayIO

/// One connection to PostgreSQL, driven without blocking: libpq's asynchronous API with its
/// socket watched by an event loop, which is also the actor's executor (so libpq is only ever
/// called on that loop's thread).
///
/// Statements go out in pipeline mode with binary parameters and results: a statement seen for
/// the first time is prepared in the same round trip as its first execution and stays prepared
/// (up to ``PostgresConfiguration/statementCacheSize``). Operations run one after the other; a
/// batch (``pipeline(_:)``) is one round trip and one implicit transaction.
public actor PostgresConnection {
    nonisolated let loop: EventLoop
    public nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }
    nonisolated let configuration: PostgresConfiguration

    private var pq: OpaquePointer?
    private var fd: Int32 = -1
    private var socketHandler: SocketHandler?
    private var writeInterest = false
    private var state = State.connecting(nil)
    private var connectWantsWrite = true
    private var connectTimer: TimerHandle?
    private var waiting: [Operation] = []
    private var inFlight: Operation?
    /// Prepared statements by text and parameter types (the same text with other types is another statement).
    private var statements: [StatementKey: String] = [:]
    private var statementCounter = 0
    private var notificationSink: AsyncStream<PostgresNotification>.Continuation?

    private enum State {
        case connecting(CheckedContinuation<Void, Never>?)
        case open
        case closed(PostgresError)
    }

    /// Opens a connection on `loop`.
    public static func connect(_ configuration: PostgresConfiguration, on loop: EventLoop) async throws(PostgresError) -> PostgresConnection {
        let connection = PostgresConnection(configuration: configuration, loop: loop)
        try await connection.open()
        return connection
    }

    private init(configuration: PostgresConfiguration, loop: EventLoop) {
        self.configuration = configuration
        self.loop = loop
    }

    isolated deinit {
        if fd >= 0 { loop.deregister(fd) }
        if let pq { PQfinish(pq) }
        notificationSink?.finish()
    }

    // MARK: - Public operations

    /// Runs one statement and returns its rows.
    public func query(_ query: PostgresQuery) async throws(PostgresError) -> PostgresRows {
        try await run(.pipeline([query]))[0]
    }

    /// Runs several statements in one round trip. Unless they include their own `BEGIN`/`COMMIT`
    /// they form one implicit transaction: if one fails, none is applied and its error is thrown.
    public func pipeline(_ queries: [PostgresQuery]) async throws(PostgresError) -> [PostgresRows] {
        if queries.isEmpty { return [] }
        return try await run(.pipeline(queries))
    }

    /// Runs SQL text as is, possibly several statements, with no parameters (the simple query
    /// protocol): for migrations and administration, never for text that holds request data.
    public func runScript(unsafeSQL sql: String) async throws(PostgresError) {
        guard !sql.allSatisfy(\.isWhitespace) else { throw PostgresError(.invalidRequest, "the SQL script is empty") }
        _ = try await run(.script(sql))
    }

    /// Starts receiving the notifications of `channel` (see ``notifications()``).
    public func listen(_ channel: String) async throws(PostgresError) {
        try await runScript(unsafeSQL: "LISTEN " + (try quotedIdentifier(channel)))
    }

    /// Stops receiving the notifications of `channel`.
    public func unlisten(_ channel: String) async throws(PostgresError) {
        try await runScript(unsafeSQL: "UNLISTEN " + (try quotedIdentifier(channel)))
    }

    /// Sends `payload` to the listeners of `channel` (when the current transaction commits).
    public func notify(_ channel: String, payload: String) async throws(PostgresError) {
        _ = try await query("SELECT pg_notify(\(channel), \(payload))")
    }

    /// The notifications this connection receives for the channels it listens to. Calling it
    /// again ends the previous stream. The stream finishes when the connection closes.
    public func notifications() -> AsyncStream<PostgresNotification> {
        notificationSink?.finish()
        let (stream, sink) = AsyncStream.makeStream(of: PostgresNotification.self, bufferingPolicy: .unbounded)
        if case .closed = state { sink.finish() } else { notificationSink = sink }
        return stream
    }

    /// Whether the connection is open (not failed or closed).
    public var isOpen: Bool {
        if case .open = state { return true }
        return false
    }

    /// Whether the connection is open, idle, and outside any transaction: fit to go back to a pool.
    var isReusable: Bool {
        guard isOpen, let pq, inFlight == nil, waiting.isEmpty else { return false }
        return PQtransactionStatus(pq) == PQTRANS_IDLE
    }

    /// The process id of the server backend serving this connection.
    public var backendPID: Int32 {
        pq.map { PQbackendPID($0) } ?? 0
    }

    /// Closes the connection; operations still queued fail with ``PostgresError/Kind/closed``.
    public func close() {
        fail(PostgresError(.closed, "the connection was closed"))
    }

    /// Runs `body` in a transaction: `BEGIN`, then `COMMIT` if it returns, `ROLLBACK` if it
    /// throws (and the body's error is rethrown). If the rollback fails too on a connection
    /// that is still open, a ``PostgresTransactionError`` carries both errors.
    public nonisolated(nonsending) func withTransaction<Result>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await runScript(unsafeSQL: "BEGIN")
        let result: Result
        do {
            result = try await body(self)
        } catch {
            do {
                try await runScript(unsafeSQL: "ROLLBACK")
            } catch let rollbackError {
                if await isOpen {
                    await close()
                    throw PostgresTransactionError(bodyError: error, rollbackError: rollbackError)
                }
            }
            throw error
        }
        try await runScript(unsafeSQL: "COMMIT")
        return result
    }

    // MARK: - Connecting

    private func open() async throws(PostgresError) {
        // The connection string is expanded in place of the first `dbname`; later keywords override it.
        var keywords = ["dbname", "application_name", "client_encoding"]
        var values = [configuration.connectionString, configuration.applicationName, "UTF8"]
        if let database = configuration.database {
            keywords.append("dbname")
            values.append(database)
        }
        pq = LibPQ.withCStrings(keywords) { k in LibPQ.withCStrings(values) { v in PQconnectStartParams(k, v, 1) } }
        guard let pq, PQstatus(pq) != CONNECTION_BAD else {
            fail(PostgresError(.connectionFailed, "cannot connect to PostgreSQL: \(LibPQ.message(of: pq))"))
            if case .closed(let error) = state { throw error }
            return
        }
        let timeout = configuration.connectTimeout
        connectTimer = loop.schedule(after: timeout) { [self] in
            assumeIsolated { $0.connectTimedOut(after: timeout) }
        }
        socketHandler = SocketHandler(owner: self)
        watchConnectingSocket()
        if case .connecting = state {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if case .connecting = state { state = .connecting(continuation) } else { continuation.resume() }
            }
        }
        if case .closed(let error) = state { throw error }
    }

    private func connectTimedOut(after timeout: Duration) {
        guard case .connecting = state else { return }
        connectTimer = nil
        fail(PostgresError(.connectionFailed, "cannot connect to PostgreSQL: no answer within \(timeout)"))
    }

    /// (Re-)registers libpq's socket: it may change, or be closed and reopened under the same
    /// number, while libpq tries the addresses of a host.
    private func watchConnectingSocket() {
        guard let pq, let socketHandler else { return }
        if fd >= 0 { loop.deregister(fd) }
        fd = PQsocket(pq)
        guard fd >= 0 else { return }
        do {
            try loop.register(fd, handler: socketHandler, writable: connectWantsWrite)
            writeInterest = connectWantsWrite
        } catch {
            fail(PostgresError(.connectionFailed, "cannot watch the PostgreSQL socket: \(error)"))
        }
    }

    private func advanceConnect() {
        guard let pq else { return }
        let status = PQconnectPoll(pq)
        switch status {
        case PGRES_POLLING_OK:
            if let connectTimer { loop.cancel(connectTimer) }
            connectTimer = nil
            guard PQsetnonblocking(pq, 1) == 0, PQenterPipelineMode(pq) == 1 else {
                fail(PostgresError(.connectionFailed, "cannot set up the PostgreSQL connection: \(LibPQ.message(of: pq))"))
                return
            }
            setWriteInterest(false)
            let waiter: CheckedContinuation<Void, Never>?
            if case .connecting(let continuation) = state { waiter = continuation } else { waiter = nil }
            state = .open
            waiter?.resume()
        case PGRES_POLLING_FAILED:
            fail(PostgresError(.connectionFailed, "cannot connect to PostgreSQL: \(LibPQ.message(of: pq))"))
        default:
            connectWantsWrite = status == PGRES_POLLING_WRITING
            watchConnectingSocket()
        }
    }

    // MARK: - Socket events

    fileprivate func socketReadable() {
        switch state {
        case .connecting:
            if !connectWantsWrite { advanceConnect() }
        case .open:
            guard let pq else { return }
            guard PQconsumeInput(pq) == 1 else {
                fail(PostgresError(.connectionLost, "the PostgreSQL connection broke: \(LibPQ.message(of: pq))"))
                return
            }
            deliverNotifications()
            processResults()
            if writeInterest { flush() }
        case .closed:
            break
        }
    }

    fileprivate func socketWritable() {
        switch state {
        case .connecting:
            if connectWantsWrite { advanceConnect() }
        case .open:
            flush()
        case .closed:
            break
        }
    }

    private func setWriteInterest(_ wanted: Bool) {
        guard wanted != writeInterest, fd >= 0 else { return }
        writeInterest = wanted
        try? loop.setWritableInterest(fd, wanted)
    }

    /// Sends what libpq has buffered; watches for writability while some is left.
    private func flush() {
        guard let pq else { return }
        switch PQflush(pq) {
        case 0: setWriteInterest(false)
        case 1: setWriteInterest(true)
        default: fail(PostgresError(.connectionLost, "cannot send to PostgreSQL: \(LibPQ.message(of: pq))"))
        }
    }

    private func deliverNotifications() {
        guard let pq else { return }
        while let notification = PQnotifies(pq) {
            let event = PostgresNotification(
                channel: String(cString: notification.pointee.relname), payload: String(cString: notification.pointee.extra),
                senderPID: notification.pointee.be_pid)
            PQfreemem(notification)
            notificationSink?.yield(event)
        }
    }

    // MARK: - Operations

    private func run(_ work: Operation.Work) async throws(PostgresError) -> [PostgresRows] {
        if case .closed(let error) = state { throw error }
        // A continuation resumes its task on the generic executor: without a preference for this
        // loop, every resume would wake a global-pool thread only to hop straight back here.
        let outcome = await withTaskExecutorPreference(loop.taskExecutor) {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<[PostgresRows], PostgresError>, Never>) in
                let operation = Operation(work: work, continuation: continuation)
                if case .closed(let error) = state {
                    operation.finish(.failure(error))
                    return
                }
                waiting.append(operation)
                startNext()
            }
        }
        return try outcome.get()
    }

    private func startNext() {
        guard inFlight == nil, case .open = state, !waiting.isEmpty, let pq else { return }
        let operation = waiting.removeFirst()
        inFlight = operation
        switch operation.work {
        case .script(let sql):
            guard PQexitPipelineMode(pq) == 1, PQsendQuery(pq, sql) == 1 else {
                fail(PostgresError(.connectionLost, "cannot send to PostgreSQL: \(LibPQ.message(of: pq))"))
                return
            }
            operation.expectations = [.scriptResults]
        case .pipeline(let queries):
            if let refusal = queries.lazy.compactMap(Self.refusal(of:)).first {
                inFlight = nil
                operation.finish(.failure(refusal))
                startNext()
                return
            }
            for (index, query) in queries.enumerated() {
                guard send(query, index: index, operation: operation, pq: pq) else { return }
            }
            guard PQpipelineSync(pq) == 1 else {
                fail(PostgresError(.connectionLost, "cannot send to PostgreSQL: \(LibPQ.message(of: pq))"))
                return
            }
            operation.expectations.append(.sync)
            operation.results = Array(repeating: nil, count: queries.count)
        }
        flush()
    }

    /// A request PostgreSQL would refuse or libpq cannot carry, caught before anything is sent.
    private static func refusal(of query: PostgresQuery) -> PostgresError? {
        if query.bindings.count > Int(UInt16.max) {
            return PostgresError(.invalidRequest, "a statement takes at most 65535 parameters, not \(query.bindings.count)")
        }
        if Self.containsNUL(query.sql) {
            return PostgresError(.invalidRequest, "the SQL text contains a NUL character")
        }
        if query.bindings.lengths.contains(where: { $0 == Int32.max }) || query.bindings.bytes.count > 1 << 30 {
            return PostgresError(.invalidRequest, "the parameters exceed PostgreSQL's 1 GiB limit")
        }
        return nil
    }

    /// Whether `text` holds a NUL byte (which would cut the C string libpq sends), found with memchr.
    private static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0, bytes.count) != nil
        }
    }

    /// Queues one statement (and its preparation, the first time) in the pipeline.
    private func send(_ query: PostgresQuery, index: Int, operation: Operation, pq: OpaquePointer) -> Bool {
        let bindings = query.bindings
        let key = StatementKey(sql: query.sql, types: bindings.types)
        var name = statements[key]
        if name == nil, statements.count < configuration.statementCacheSize {
            statementCounter += 1
            let fresh = "relay_\(statementCounter)"
            let sent = bindings.types.withUnsafeBufferPointer { types in
                PQsendPrepare(pq, fresh, query.sql, Int32(bindings.count), types.baseAddress)
            }
            guard sent == 1 else {
                fail(PostgresError(.connectionLost, "cannot send to PostgreSQL: \(LibPQ.message(of: pq))"))
                return false
            }
            statements[key] = fresh
            operation.expectations.append(.result(query: nil, statement: key))
            name = fresh
        }
        let sent = LibPQ.withParameters(bindings) { types, values, lengths, formats in
            if let name {
                return PQsendQueryPrepared(pq, name, Int32(bindings.count), values, lengths, formats, 1)
            }
            return PQsendQueryParams(pq, query.sql, Int32(bindings.count), types, values, lengths, formats, 1)
        }
        guard sent == 1 else {
            fail(PostgresError(.connectionLost, "cannot send to PostgreSQL: \(LibPQ.message(of: pq))"))
            return false
        }
        operation.expectations.append(.result(query: index, statement: key))
        return true
    }

    /// Reads every result libpq has complete, matching them to what the operation expects.
    private func processResults() {
        while let operation = inFlight, let pq {
            guard let expectation = operation.expectations.first else {
                inFlight = nil
                operation.complete()
                startNext()
                continue
            }
            guard PQisBusy(pq) == 0 else { return }
            let result = PQgetResult(pq)
            defer { if let result { PQclear(result) } }
            switch expectation {
            case .sync:
                guard let result else { continue }
                guard PQresultStatus(result) == PGRES_PIPELINE_SYNC else {
                    record(result, for: nil, statement: nil, in: operation)
                    continue
                }
                operation.expectations.removeFirst()
            case .result(let index, let statement):
                guard let result else {
                    operation.expectations.removeFirst()
                    continue
                }
                record(result, for: index, statement: statement, in: operation)
            case .scriptResults:
                guard let result else {
                    operation.expectations.removeFirst()
                    guard PQenterPipelineMode(pq) == 1 else {
                        fail(PostgresError(.connectionLost, "cannot re-enter pipeline mode: \(LibPQ.message(of: pq))"))
                        return
                    }
                    continue
                }
                record(result, for: nil, statement: nil, in: operation)
            }
        }
    }

    private func record(_ result: OpaquePointer, for index: Int?, statement: StatementKey?, in operation: Operation) {
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            if let index { operation.results[index] = LibPQ.rows(of: result) }
        case PGRES_PIPELINE_ABORTED:
            // An earlier statement of the batch failed; its error is the one reported. A
            // preparation skipped with the rest was never made: it is made afresh next time.
            if let statement, index == nil { statements[statement] = nil }
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE:
            let error = LibPQ.serverError(of: result)
            // A statement that failed to prepare, or whose plan went stale after a schema
            // change, is prepared afresh next time.
            if let statement, index == nil || error.hasSQLState(.featureNotSupported) || error.hasSQLState(.invalidSQLStatementName) {
                statements[statement] = nil
            }
            if operation.error == nil { operation.error = error }
        default:
            if operation.error == nil {
                operation.error = PostgresError(.invalidRequest, "unsupported result (\(PQresStatus(PQresultStatus(result)).map { String(cString: $0) } ?? "?"); COPY is not supported")
            }
        }
    }

    /// Ends the connection for good: every operation fails with `error`.
    private func fail(_ error: PostgresError) {
        if case .closed = state { return }
        let connectWaiter: CheckedContinuation<Void, Never>?
        if case .connecting(let continuation) = state { connectWaiter = continuation } else { connectWaiter = nil }
        state = .closed(error)
        if let connectTimer { loop.cancel(connectTimer) }
        connectTimer = nil
        if fd >= 0 { loop.deregister(fd) }
        fd = -1
        if let pq { PQfinish(pq) }
        pq = nil
        socketHandler = nil
        connectWaiter?.resume()
        let lost = error.kind == .closed ? error : PostgresError(.connectionLost, error.unredactedMessage)
        inFlight?.finish(.failure(lost))
        inFlight = nil
        let queued = waiting
        waiting.removeAll()
        for operation in queued { operation.finish(.failure(lost)) }
        notificationSink?.finish()
        notificationSink = nil
    }

    private func quotedIdentifier(_ name: String) throws(PostgresError) -> String {
        guard let pq, isOpen else { throw PostgresError(.closed, "the connection is closed") }
        guard !name.isEmpty, !name.utf8.contains(0) else { throw PostgresError(.invalidRequest, "a channel name must be non-empty text") }
        guard let quoted = PQescapeIdentifier(pq, name, name.utf8.count) else {
            throw PostgresError(.invalidRequest, "cannot quote the identifier: \(LibPQ.message(of: pq))")
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }
}

/// What identifies a prepared statement: its text and its parameter types.
private struct StatementKey: Hashable {
    let sql: String
    let types: [UInt32]
}

/// One request on a connection and the results it is waiting for.
private final class Operation {
    enum Work {
        case pipeline([PostgresQuery])
        case script(String)
    }

    enum Expectation {
        /// The results of one statement, ended by a NULL result; `query` is nil for a preparation.
        case result(query: Int?, statement: StatementKey)
        /// The pipeline's sync point.
        case sync
        /// The results of a script, ended by a NULL result.
        case scriptResults
    }

    let work: Work
    var expectations: [Expectation] = []
    var results: [PostgresRows?] = []
    var error: PostgresError?
    private var continuation: CheckedContinuation<Result<[PostgresRows], PostgresError>, Never>?

    init(work: Work, continuation: CheckedContinuation<Result<[PostgresRows], PostgresError>, Never>) {
        self.work = work
        self.continuation = continuation
    }

    func complete() {
        if let error {
            finish(.failure(error))
        } else {
            finish(.success(results.map { $0 ?? PostgresRows(columns: [], commandTag: "", affectedRows: 0, rowCount: 0, cells: [], storage: []) }))
        }
    }

    func finish(_ outcome: Result<[PostgresRows], PostgresError>) {
        continuation?.resume(returning: outcome)
        continuation = nil
    }
}

/// Forwards the loop's readiness events to the connection (on the loop's thread, which is the
/// connection's executor).
private final class SocketHandler: IOHandler {
    weak var owner: PostgresConnection?

    init(owner: PostgresConnection) { self.owner = owner }

    func readable() { owner?.assumeIsolated { $0.socketReadable() } }
    func writable() { owner?.assumeIsolated { $0.socketWritable() } }
}
