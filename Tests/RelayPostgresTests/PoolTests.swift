import Foundation
import PostgresTestSupport
import RelayPostgres
import Testing

/// The pool's bound, wait queue and timeout, and its replacement of broken connections.
@Suite struct PoolTests {
    static func options(max: Int, timeout: Duration = .milliseconds(300)) -> PostgresPool.Options {
        var options = PostgresPool.Options()
        options.maxConnections = max
        options.acquireTimeout = timeout
        return options
    }

    @Test func exhaustedPoolTimesOutWithARetryableError() async throws {
        try await TestPostgres.withPool(options: Self.options(max: 2)) { pool in
            let a = try await pool.acquire()
            let b = try await pool.acquire()
            let started = ContinuousClock.now
            let error = await #expect(throws: PostgresError.self) { try await pool.acquire() }
            let waited = ContinuousClock.now - started
            #expect(error?.kind == .poolTimeout)
            #expect(error?.isRetryable == true)
            #expect(waited >= .milliseconds(250) && waited < .seconds(5))
            await pool.release(a)
            await pool.release(b)
            #expect(await pool.statistics == PostgresPool.Statistics(open: 2, idle: 2, waiting: 0))
        }
    }

    @Test func waitersGetConnectionsInOrderAsTheyComeBack() async throws {
        try await TestPostgres.withPool(options: Self.options(max: 1, timeout: .seconds(10))) { pool in
            let held = try await pool.acquire()
            let heldPID = await held.backendPID
            async let first = pool.withConnection { await $0.backendPID }
            // The waiter registers soon; under load it may take longer than a fixed sleep.
            let deadline = ContinuousClock.now + .seconds(5)
            while await pool.statistics.waiting == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(await pool.statistics.waiting == 1)
            await pool.release(held)
            #expect(try await first == heldPID)
        }
    }

    @Test func manyConcurrentCallersShareABoundedPool() async throws {
        try await TestPostgres.withPool(options: Self.options(max: 4, timeout: .seconds(20))) { pool in
            _ = try await pool.query("CREATE TABLE hits (n int)")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<200 {
                    group.addTask { _ = try await pool.query("INSERT INTO hits SELECT pg_backend_pid()") }
                }
                try await group.waitForAll()
            }
            let (rows, backends) = try await pool.query("SELECT count(*), count(DISTINCT n) FROM hits")[0].decode((Int64, Int64).self)
            #expect(rows == 200)
            #expect(backends <= 4, "connections are reused, not reopened")
            let stats = await pool.statistics
            #expect(stats.open <= 4 && stats.waiting == 0)
        }
    }

    @Test func aConnectionKilledByTheServerIsReplaced() async throws {
        try await TestPostgres.withPool(options: Self.options(max: 1)) { pool in
            let victim = try await pool.withConnection { await $0.backendPID }
            let admin = try await PostgresPool.connect(pool.configuration)
            _ = try await admin.query("SELECT pg_terminate_backend(\(victim))")
            await admin.close()
            try await Task.sleep(for: .milliseconds(100))
            // The idle connection saw the server close it; the next caller gets a new one.
            let next = try await pool.withConnection { await $0.backendPID }
            #expect(next != victim)
        }
    }

    @Test func aQueryInFlightWhenTheBackendDiesFailsRetryably() async throws {
        try await TestPostgres.withPool(options: Self.options(max: 2)) { pool in
            let connection = try await pool.acquire()
            let pid = await connection.backendPID
            async let slow = connection.query("SELECT pg_sleep(5)")
            try await Task.sleep(for: .milliseconds(200))
            _ = try await pool.query("SELECT pg_terminate_backend(\(pid))")
            do {
                _ = try await slow
                Issue.record("the query should have failed")
            } catch let error as PostgresError {
                #expect(error.isRetryable, "\(error)")
            }
            #expect(await connection.isOpen == false)
            await pool.release(connection)
            let one = try await pool.query("SELECT 1")[0].decode(Int32.self, at: 0)
            #expect(one == 1)
        }
    }

    @Test func connectingToNothingFailsFastAndRetryably() async throws {
        let pool = PostgresPool(configuration: PostgresConfiguration(connectionString: "host=/nonexistent/relay port=1 user=x dbname=x"))
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.isRetryable == true)
        #expect(await pool.statistics.open == 0)
        await pool.close()
    }

    @Test func passwordsAreNotPrinted() {
        let url = PostgresConfiguration(connectionString: "postgresql://relay:s3cret@db.example.com:5432/relay")
        #expect(!url.description.contains("s3cret"))
        let keywords = PostgresConfiguration(connectionString: "host=db user=relay password=s3cret dbname=relay")
        #expect(!keywords.description.contains("s3cret"))
    }
}
