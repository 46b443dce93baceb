import RelayIO
import PostgresTestSupport
import RelayPostgres
import Testing

/// A pool per event loop: a task on a loop gets that loop's pool, which runs on that very thread.
@Suite struct PoolGroupTests {
    @Test func aTaskOnALoopUsesThatLoopsPool() async throws {
        let loops = try (0..<2).map { index in
            let loop = try EventLoop(name: "test-pool-group-\(index)")
            loop.start()
            return loop
        }
        defer { for loop in loops { loop.stop() } }
        try await TestPostgres.withDatabase { configuration in
            var options = PostgresPool.Options()
            options.maxConnections = 4
            let group = PostgresPoolGroup(configuration: configuration, options: options, loops: loops)
            #expect(group.pools.count == 2)
            #expect(group.pools.allSatisfy { $0.options.maxConnections == 2 })
            // Off every loop, the first pool.
            #expect(group.current === group.pools[0])
            for (index, loop) in loops.enumerated() {
                let (chosen, ranOnLoop, value) = try await Task(executorPreference: loop.taskExecutor) {
                    let pool = group.current
                    let value = try await pool.query("SELECT 40 + \(index)")[0].decode(Int.self, at: 0)
                    return (pool === group.pools[index], loop.inLoop, value)
                }.value
                #expect(chosen)
                #expect(ranOnLoop)
                #expect(value == 40 + index)
            }
            await group.close()
            let error = await #expect(throws: PostgresError.self) { _ = try await group.pools[1].query("SELECT 1") }
            #expect(error?.kind == .closed)
        }
    }
}
