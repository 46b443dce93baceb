import Foundation
import RelayIO
import RelayPostgres

// relay-bench-store: durable inserts of message rows through Relay's own PostgresPool, for
// bench/store/run.sh, which runs pgbench with the equivalent SQL against the same server.
//
//   relay-bench-store --connection "host=DIR port=5499 user=postgres dbname=postgres" \
//       --shape one|batch [--method unnest|pipeline|transaction] [--clients 8] [--seconds 20] [--rows 50]
//       [--api pool|connection] [--caller loops|global] [--loops 2]
//
// Shapes (the table is bench/store/pgbench/schema.sql, the anchors' `emails`):
//   one               one INSERT with 4 binds per transaction (autocommit), `pool.query(...)`
//   batch, unnest     one INSERT ... SELECT * FROM unnest($1::int4[], $2::text[], $3::text[], $4::text[])
//                     with 4 array binds of `--rows` elements: one statement, one transaction
//   batch, pipeline   `pool.pipeline([--rows single-row INSERTs])`: one round trip, one implicit transaction
//   batch, transaction `pool.withTransaction { --rows conn.query(INSERT) }`: BEGIN, a round trip per row, COMMIT
// Callers (`--caller`):
//   loops (default)     as `relay serve` runs its handlers: `--loops` event loops (default 2, one per
//                       core), a PostgresPoolGroup with a pool on each, and every client a task
//                       preferring one loop (as an RPC handler prefers its connection's loop), using
//                       that loop's pool: `--clients` connections in all, split between the loops;
//   global              one PostgresPool on the shared PostgreSQL loop, and clients on Swift's global
//                       executor: every statement hops to that loop and back.
// Diagnostic: `--api connection`: every client holds one connection for the whole run (no pool
// lending per transaction), to tell the pool's cost from the connection's.
//
// Prints one JSON line: shape, method, clients, seconds, transactions, rows (from the server's
// command tags), rows_per_s, tx_per_s, latency mean/p50/p99 in ms, errors, and the process's CPU
// time (user, system).

// MARK: - Arguments

struct Arguments {
    var connection = ""
    var shape = "one"
    var method = "unnest"
    var clients = 8
    var seconds = 20.0
    var rows = 50
    var api = "pool"
    var caller = "loops"
    var loops = 2

    static func parse(_ list: [String]) -> Arguments {
        var arguments = Arguments()
        var iterator = list.makeIterator()
        func value(_ flag: String) -> String {
            guard let value = iterator.next() else { fail("\(flag) needs a value") }
            return value
        }
        while let flag = iterator.next() {
            switch flag {
            case "--connection": arguments.connection = value(flag)
            case "--shape": arguments.shape = value(flag)
            case "--method": arguments.method = value(flag)
            case "--clients": arguments.clients = Int(value(flag)) ?? 0
            case "--seconds": arguments.seconds = Double(value(flag)) ?? 0
            case "--rows": arguments.rows = Int(value(flag)) ?? 0
            case "--api": arguments.api = value(flag)
            case "--caller": arguments.caller = value(flag)
            case "--loops": arguments.loops = Int(value(flag)) ?? 0
            case "-h", "--help":
                print(
                    """
                    usage: relay-bench-store --connection CONNINFO --shape one|batch [--method unnest|pipeline|transaction]
                                             [--clients 8] [--seconds 20] [--rows 50] [--api pool|connection]
                                             [--caller loops|global] [--loops 2]
                    """)
                exit(0)
            default: fail("unknown argument \(flag)")
            }
        }
        guard !arguments.connection.isEmpty else { fail("--connection is required") }
        guard ["one", "batch"].contains(arguments.shape) else { fail("--shape is one or batch") }
        guard ["unnest", "pipeline", "transaction"].contains(arguments.method) else { fail("--method is unnest, pipeline or transaction") }
        guard ["pool", "connection"].contains(arguments.api) else { fail("--api is pool or connection") }
        guard ["global", "loops"].contains(arguments.caller) else { fail("--caller is loops or global") }
        guard arguments.loops > 0 else { fail("--loops must be positive") }
        guard arguments.clients > 0, arguments.seconds > 0, arguments.rows > 0 else { fail("--clients, --seconds and --rows must be positive") }
        if arguments.shape == "one" { arguments.method = "single" }
        return arguments
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("relay-bench-store: \(message)\n".utf8))
    exit(2)
}

// MARK: - The rows

/// The values of the anchors' insert1.sql/insert50.sql: a tenant in 1...100, `user<n>@example.com`,
/// a fixed subject and a 220-byte body (a stored row is ~324 bytes).
struct Payload: Sendable {
    static let subject = "Your invoice is ready for review"
    static let body = String(repeating: "b", count: 220)
    /// `user<n>@example.com` for n in 0...100 (made once, as pgbench computes them server-side).
    let recipients: [String] = (0...100).map { "user\($0)@example.com" }
    /// For the unnest shape: the recipients user1...user<rows>, as insert50.sql's generate_series.
    let batchRecipients: [String]
    let batchSubjects: [String]
    let batchBodies: [String]

    init(rows: Int) {
        batchRecipients = (1...rows).map { "user\($0)@example.com" }
        batchSubjects = Array(repeating: Self.subject, count: rows)
        batchBodies = Array(repeating: Self.body, count: rows)
    }
}

/// A small fast generator per client (SplitMix64), so the random tenant costs no system call.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func tenant() -> Int32 { Int32(truncatingIfNeeded: next() % 100) + 1 }
}

/// Where a client's statements go: the pool (lending a connection per transaction) or one held
/// connection. Everything on a client's path is `nonisolated(nonsending)`: it runs where the
/// client runs (Swift's global executor, or the loop with `--caller loop`), adding no hop.
protocol Executor: Sendable {
    nonisolated(nonsending) func query(_ query: PostgresQuery) async throws -> PostgresRows
    nonisolated(nonsending) func pipeline(_ queries: [PostgresQuery]) async throws -> [PostgresRows]
    nonisolated(nonsending) func transaction(_ body: (PostgresConnection) async throws -> Int) async throws -> Int
}

struct PoolExecutor: Executor {
    let pool: PostgresPool
    nonisolated(nonsending) func query(_ query: PostgresQuery) async throws -> PostgresRows { try await pool.query(query) }
    nonisolated(nonsending) func pipeline(_ queries: [PostgresQuery]) async throws -> [PostgresRows] { try await pool.pipeline(queries) }
    nonisolated(nonsending) func transaction(_ body: (PostgresConnection) async throws -> Int) async throws -> Int { try await pool.withTransaction(body) }
}

struct ConnectionExecutor: Executor {
    let connection: PostgresConnection
    nonisolated(nonsending) func query(_ query: PostgresQuery) async throws -> PostgresRows { try await connection.query(query) }
    nonisolated(nonsending) func pipeline(_ queries: [PostgresQuery]) async throws -> [PostgresRows] { try await connection.pipeline(queries) }
    nonisolated(nonsending) func transaction(_ body: (PostgresConnection) async throws -> Int) async throws -> Int { try await connection.withTransaction(body) }
}

func insertOne(_ tenant: Int32, _ recipient: String) -> PostgresQuery {
    "INSERT INTO emails (tenant, recipient, subject, body) VALUES (\(tenant), \(recipient), \(Payload.subject), \(Payload.body))"
}

/// Runs one transaction of the chosen shape and returns the rows the server says it inserted.
nonisolated(nonsending) func transaction(_ arguments: Arguments, _ payload: Payload, _ random: inout SplitMix64, on executor: some Executor) async throws -> Int {
    let tenant = random.tenant()
    switch arguments.method {
    case "single":
        return try await executor.query(insertOne(tenant, payload.recipients[Int(tenant)])).affectedRows
    case "unnest":
        let tenants = [Int32](repeating: tenant, count: arguments.rows)
        let (recipients, subjects, bodies) = (payload.batchRecipients, payload.batchSubjects, payload.batchBodies)
        let query: PostgresQuery = """
            INSERT INTO emails (tenant, recipient, subject, body) \
            SELECT * FROM unnest(\(tenants)::int4[], \(recipients)::text[], \(subjects)::text[], \(bodies)::text[])
            """
        return try await executor.query(query).affectedRows
    case "pipeline":
        var queries: [PostgresQuery] = []
        queries.reserveCapacity(arguments.rows)
        for row in 0..<arguments.rows { queries.append(insertOne(tenant, payload.batchRecipients[row])) }
        return try await executor.pipeline(queries).reduce(0) { $0 + $1.affectedRows }
    default:  // "transaction"
        let rows = arguments.rows
        let recipients = payload.batchRecipients
        return try await executor.transaction { connection in
            var inserted = 0
            for row in 0..<rows { inserted += try await connection.query(insertOne(tenant, recipients[row])).affectedRows }
            return inserted
        }
    }
}

// MARK: - Warming up

/// Lets `count` tasks wait for each other.
actor Barrier {
    private let count: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { self.count = count }

    func arrive() async {
        arrived += 1
        if arrived >= count {
            for continuation in waiting { continuation.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

/// Opens all `clients` connections at once and runs one transaction of the shape on each, rolled
/// back, so that every connection is open and has its statements prepared (prepared statements
/// outlive a rollback) before the clock starts. pgbench connects before its clock starts too; it
/// prepares in its first transactions.
func warmUp(_ arguments: Arguments, _ payload: Payload, pools: Pools) async throws {
    let barrier = Barrier(count: arguments.clients)
    try await withThrowingTaskGroup(of: Void.self) { group in
        for client in 0..<arguments.clients {
            group.addTask {
                var random = SplitMix64(state: UInt64(client))
                try await pools.pool(for: client).withConnection { connection in
                    try await connection.runScript(unsafeSQL: "BEGIN")
                    await barrier.arrive()
                    _ = try await transaction(arguments, payload, &random, on: WarmUpExecutor(connection: connection))
                    // Rolled back in place: a connection given back inside a transaction is closed.
                    try await connection.runScript(unsafeSQL: "ROLLBACK")
                }
            }
        }
        try await group.waitForAll()
    }
}

/// Runs the shape's statements inside the warm-up's open transaction (the `transaction` method's
/// body runs as is, without a BEGIN of its own).
struct WarmUpExecutor: Executor {
    let connection: PostgresConnection
    nonisolated(nonsending) func query(_ query: PostgresQuery) async throws -> PostgresRows { try await connection.query(query) }
    nonisolated(nonsending) func pipeline(_ queries: [PostgresQuery]) async throws -> [PostgresRows] { try await connection.pipeline(queries) }
    nonisolated(nonsending) func transaction(_ body: (PostgresConnection) async throws -> Int) async throws -> Int { try await body(connection) }
}

// MARK: - Measuring

struct ClientResult: Sendable {
    var transactions = 0
    var rows = 0
    var errors = 0
    var firstError: String?
    /// Each transaction's latency, in nanoseconds.
    var latencies: [UInt64] = []
}

@inline(__always) func nanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

nonisolated(nonsending) func runClient(
    _ client: Int, _ arguments: Arguments, _ payload: Payload, deadline: UInt64, on executor: some Executor
) async -> ClientResult {
    var result = ClientResult()
    result.latencies.reserveCapacity(Int(arguments.seconds * (arguments.shape == "one" ? 4000 : 1000)))
    var random = SplitMix64(state: 0x5EED_0000 &+ UInt64(client))
    while true {
        let start = nanoseconds()
        if start >= deadline { break }
        do {
            result.rows += try await transaction(arguments, payload, &random, on: executor)
            result.transactions += 1
            result.latencies.append(nanoseconds() - start)
        } catch {
            result.errors += 1
            if result.firstError == nil { result.firstError = "\(error)" }
            if result.errors > 100 { break }
        }
    }
    return result
}

/// The pools the clients use: client `i` uses `pools[i % pools.count]`, and runs on its loop.
struct Pools: Sendable {
    let pools: [PostgresPool]
    /// Whether clients run on their pool's loop (`--caller loops`).
    let callersOnLoops: Bool

    init(_ arguments: Arguments) {
        var options = PostgresPool.Options()
        options.maxConnections = arguments.clients
        options.acquireTimeout = .seconds(30)
        let configuration = PostgresConfiguration(connectionString: arguments.connection)
        if arguments.caller == "global" {
            pools = [PostgresPool(configuration: configuration, options: options)]
            callersOnLoops = false
            return
        }
        let loops = (0..<arguments.loops).map { index in
            do {
                let loop = try EventLoop(name: "bench-loop-\(index)")
                loop.start()
                return loop
            } catch {
                fail("cannot create an event loop: \(error)")
            }
        }
        pools = PostgresPoolGroup(configuration: configuration, options: options, loops: loops).pools
        callersOnLoops = true
    }

    func pool(for client: Int) -> PostgresPool { pools[client % pools.count] }

    var statistics: (open: Int, idle: Int) {
        get async {
            var sum = (open: 0, idle: 0)
            for pool in pools {
                let statistics = await pool.statistics
                sum.open += statistics.open
                sum.idle += statistics.idle
            }
            return sum
        }
    }
}

let arguments = Arguments.parse(Array(CommandLine.arguments.dropFirst()))
let payload = Payload(rows: arguments.rows)
let pools = Pools(arguments)

do {
    try await warmUp(arguments, payload, pools: pools)
} catch {
    fail("warm-up failed: \(error)")
}
let warm = await pools.statistics
if warm.open != arguments.clients || warm.idle != arguments.clients {
    fail("after the warm-up the pools have \(warm.open) connections open and \(warm.idle) idle, not \(arguments.clients)")
}

let start = nanoseconds()
let deadline = start + UInt64(arguments.seconds * 1e9)
let results = await withTaskGroup(of: ClientResult.self) { group in
    for client in 0..<arguments.clients {
        let pool = pools.pool(for: client)
        group.addTask(executorPreference: pools.callersOnLoops ? pool.loop.taskExecutor : nil) {
            if arguments.api == "connection" {
                do {
                    return try await pool.withConnection { connection in
                        await runClient(client, arguments, payload, deadline: deadline, on: ConnectionExecutor(connection: connection))
                    }
                } catch {
                    return ClientResult(errors: 1, firstError: "\(error)")
                }
            }
            return await runClient(client, arguments, payload, deadline: deadline, on: PoolExecutor(pool: pool))
        }
    }
    var all: [ClientResult] = []
    for await result in group { all.append(result) }
    return all
}
let elapsed = Double(nanoseconds() - start) / 1e9
for pool in pools.pools { await pool.close() }

let transactions = results.reduce(0) { $0 + $1.transactions }
let rows = results.reduce(0) { $0 + $1.rows }
let errors = results.reduce(0) { $0 + $1.errors }
let latencies = results.flatMap(\.latencies).sorted()
func percentile(_ p: Double) -> Double {
    guard !latencies.isEmpty else { return 0 }
    let index = min(latencies.count - 1, Int((p * Double(latencies.count)).rounded(.up)) - 1)
    return Double(latencies[max(0, index)]) / 1e6
}
let meanMs = latencies.isEmpty ? 0 : Double(latencies.reduce(0, +)) / Double(latencies.count) / 1e6

// The whole process's CPU time (the warm-up's share is negligible next to the measured run).
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
func cpuSeconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }

func json(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
var fields: [String] = [
    "\"shape\":\"\(arguments.shape)\"", "\"method\":\"\(arguments.method)\"", "\"api\":\"\(arguments.api)\"", "\"caller\":\"\(arguments.caller)\"", "\"loops\":\(pools.pools.count)",
    "\"clients\":\(arguments.clients)", "\"rows_per_tx\":\(arguments.shape == "one" ? 1 : arguments.rows)",
    "\"seconds\":\(json(elapsed))", "\"transactions\":\(transactions)", "\"rows\":\(rows)",
    "\"rows_per_s\":\(json(Double(rows) / elapsed, 1))", "\"tx_per_s\":\(json(Double(transactions) / elapsed, 1))",
    "\"latency_mean_ms\":\(json(meanMs))", "\"latency_p50_ms\":\(json(percentile(0.50)))",
    "\"latency_p99_ms\":\(json(percentile(0.99)))", "\"errors\":\(errors)",
    "\"cpu_user_s\":\(json(cpuSeconds(usage.ru_utime)))", "\"cpu_sys_s\":\(json(cpuSeconds(usage.ru_stime)))",
]
if let first = results.compactMap(\.firstError).first {
    fields.append("\"first_error\":\"\(first.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: " "))\"")
}
print("{" + fields.joined(separator: ",") + "}")
exit(errors == 0 ? 0 : 1)
