import Foundation
import RelayPostgres
import Synchronization
import Testing

/// The server goes away and comes back while transactions run: calls in flight fail cleanly and
/// retryably, nothing is half-applied, and the same pool serves again with no restart of ours.
@Suite struct FaultTests {
    /// What the workload saw.
    struct Tally: Sendable {
        var committed: [Int32] = []
        var retryableFailures = 0
        var otherFailures: [String] = []
    }

    /// The state the workers share.
    final class Workload: Sendable {
        let tally = Mutex(Tally())
        let running = Atomic(true)
        let next = Atomic<Int32>(0)
    }

    @Test(.timeLimit(.minutes(2))) func theServerRestartsWhileTransactionsRun() async throws {
        let directory = NSTemporaryDirectory() + "relay-fault-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let cluster = EmbeddedPostgres(dataDirectory: directory, settings: ["fsync": "off"])
        do {
            try await restartDuringWorkload(cluster)
        } catch {
            try? await cluster.stop()
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        try await cluster.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func restartDuringWorkload(_ cluster: EmbeddedPostgres) async throws {
        let configuration = try await cluster.start()
        var options = PostgresPool.Options()
        options.maxConnections = 4
        options.acquireTimeout = .seconds(2)
        let pool = PostgresPool(configuration: configuration, options: options)
        _ = try await pool.query("CREATE TABLE pairs (pair int NOT NULL, side int NOT NULL, PRIMARY KEY (pair, side))")

        let workload = Workload()
        let workers = (0..<4).map { _ in
            Task {
                while workload.running.load(ordering: .relaxed) {
                    let pair = workload.next.add(1, ordering: .relaxed).newValue
                    do {
                        try await pool.withTransaction { tx in
                            _ = try await tx.query("INSERT INTO pairs VALUES (\(pair), 1)")
                            _ = try await tx.query("SELECT pg_sleep(0.002)")
                            _ = try await tx.query("INSERT INTO pairs VALUES (\(pair), 2)")
                        }
                        workload.tally.withLock { $0.committed.append(pair) }
                    } catch let error as PostgresError where error.isRetryable {
                        workload.tally.withLock { $0.retryableFailures += 1 }
                        try? await Task.sleep(for: .milliseconds(20))
                    } catch {
                        workload.tally.withLock { $0.otherFailures.append("\(error)") }
                    }
                }
            }
        }

        // Commits under way before the stop, and again after the restart (waiting for them rather
        // than for fixed times: a loaded machine is slower).
        func waitForCommits(beyond count: Int, _ seconds: Int) async throws {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while workload.tally.withLock({ $0.committed.count }) <= count, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        try await waitForCommits(beyond: 0, 20)
        try await Task.sleep(for: .milliseconds(200))
        let committedBefore = workload.tally.withLock { $0.committed.count }
        try await cluster.stop()
        try await Task.sleep(for: .milliseconds(500))
        _ = try await cluster.start()
        try await waitForCommits(beyond: committedBefore, 30)
        try await Task.sleep(for: .milliseconds(300))
        workload.running.store(false, ordering: .relaxed)
        for worker in workers { await worker.value }

        let seen = workload.tally.withLock { $0 }
        #expect(committedBefore > 0)
        #expect(seen.retryableFailures > 0, "the outage was noticed")
        #expect(seen.otherFailures.isEmpty, "\(seen.otherFailures.prefix(3))")
        #expect(seen.committed.count > committedBefore, "the pool served again after the restart")
        let halves = try await pool.query("SELECT count(*) FROM (SELECT pair FROM pairs GROUP BY pair HAVING count(*) <> 2) AS h")
        #expect(try halves[0].decode(Int64.self, at: 0) == 0, "no transaction is half-applied")
        let stored = Set(try await pool.query("SELECT DISTINCT pair FROM pairs").map { try $0.decode(Int32.self, at: 0) })
        #expect(Set(seen.committed).isSubset(of: stored), "every acknowledged commit survived the restart")
        await pool.close()
    }
}
