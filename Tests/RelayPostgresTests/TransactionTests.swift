import Foundation
import PostgresTestSupport
import RelayPostgres
import Testing

private struct Refusal: Error, Equatable {}

/// Transactions commit or roll back as a whole; a pipeline is one implicit transaction.
@Suite struct TransactionTests {
    static func count(_ pool: PostgresPool) async throws -> Int64 {
        try await pool.query("SELECT count(*) FROM ledger")[0].decode(Int64.self, at: 0)
    }

    static func makeLedger(_ pool: PostgresPool) async throws {
        _ = try await pool.query("CREATE TABLE ledger (id int PRIMARY KEY, amount int NOT NULL CHECK (amount > 0))")
    }

    @Test func commitsWhenTheBodyReturns() async throws {
        try await TestPostgres.withPool { pool in
            try await Self.makeLedger(pool)
            let inserted = try await pool.withTransaction { tx in
                _ = try await tx.query("INSERT INTO ledger VALUES (1, 10)")
                return try await tx.query("INSERT INTO ledger VALUES (2, 20)").affectedRows
            }
            #expect(inserted == 1)
            #expect(try await Self.count(pool) == 2)
        }
    }

    @Test func rollsBackAndRethrowsTheBodysError() async throws {
        try await TestPostgres.withPool { pool in
            try await Self.makeLedger(pool)
            await #expect(throws: Refusal.self) {
                try await pool.withTransaction { tx in
                    _ = try await tx.query("INSERT INTO ledger VALUES (1, 10)")
                    throw Refusal()
                }
            }
            #expect(try await Self.count(pool) == 0)
        }
    }

    @Test func aFailingStatementRollsBackTheWholeTransaction() async throws {
        try await TestPostgres.withPool { pool in
            try await Self.makeLedger(pool)
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withTransaction { tx in
                    _ = try await tx.query("INSERT INTO ledger VALUES (1, 10)")
                    _ = try await tx.query("INSERT INTO ledger VALUES (2, -5)")
                }
            }
            #expect(error?.hasSQLState(.checkViolation) == true)
            #expect(try await Self.count(pool) == 0)
            // The connection went back to the pool clean and is reused.
            let stats = await pool.statistics
            #expect(stats.open == 1 && stats.idle == 1)
        }
    }

    @Test func aPipelineIsAtomic() async throws {
        try await TestPostgres.withPool { pool in
            try await Self.makeLedger(pool)
            let error = await #expect(throws: PostgresError.self) {
                try await pool.pipeline([
                    "INSERT INTO ledger VALUES (1, 10)", "INSERT INTO ledger VALUES (2, 20)", "INSERT INTO ledger VALUES (1, 30)",
                    "INSERT INTO ledger VALUES (4, 40)",
                ])
            }
            #expect(error?.hasSQLState(.uniqueViolation) == true)
            #expect(try await Self.count(pool) == 0)
            // The statement after the failure was never prepared (its preparation was skipped
            // with it): using it again prepares it afresh.
            _ = try await pool.pipeline(["INSERT INTO ledger VALUES (4, 40)"])
            _ = try await pool.query("DELETE FROM ledger")
            let results = try await pool.pipeline([
                "INSERT INTO ledger VALUES (\(Int32(1)), \(Int32(10)))", "INSERT INTO ledger VALUES (\(Int32(2)), \(Int32(20)))",
                "SELECT sum(amount)::int4 FROM ledger",
            ])
            #expect(results.count == 3)
            #expect(results[0].affectedRows == 1)
            #expect(try results[2][0].decode(Int32.self, at: 0) == 30)
        }
    }

    @Test func aTransactionLeftOpenIsNotReused() async throws {
        try await TestPostgres.withPool { pool in
            let first = try await pool.withConnection { connection in
                try await connection.runScript(unsafeSQL: "BEGIN")
                return await connection.backendPID
            }
            let stats = await pool.statistics
            #expect(stats.open == 0, "a connection given back inside a transaction is closed")
            let second = try await pool.withConnection { await $0.backendPID }
            #expect(first != second)
        }
    }

    @Test func preparedStatementsSurviveASchemaChange() async throws {
        try await TestPostgres.withPool(options: { var o = PostgresPool.Options(); o.maxConnections = 1; return o }()) { pool in
            _ = try await pool.query("CREATE TABLE widgets (id int)")
            _ = try await pool.query("INSERT INTO widgets VALUES (1)")
            #expect(try await pool.query("SELECT * FROM widgets")[0].count == 1)
            _ = try await pool.query("ALTER TABLE widgets ADD COLUMN name text DEFAULT 'w'")
            // The cached plan's result type changed: one failure at most, then it is prepared afresh.
            let retried: PostgresRows
            do {
                retried = try await pool.query("SELECT * FROM widgets")
            } catch let error as PostgresError {
                #expect(error.hasSQLState(.featureNotSupported))
                retried = try await pool.query("SELECT * FROM widgets")
            }
            #expect(retried[0].count == 2)
            #expect(try retried[0].decode(String.self, column: "name") == "w")
        }
    }
}
