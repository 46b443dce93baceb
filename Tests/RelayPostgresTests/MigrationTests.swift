import Foundation
import PostgresTestSupport
import RelayPostgres
import RelayStore
import Testing

/// Relay's schema applies once, completely, also when several migrators race.
@Suite struct MigrationTests {
    static let expectedTables: Set<String> = [
        "organizations", "api_keys", "api_key_audit_log", "domains", "dkim_keys", "domain_dns_records", "templates", "messages",
        "message_attachments", "message_event_log", "delivery_stats",
        "suppressions", "rate_limit_counters", "idempotency_keys", "alert_rules", "inbound_routes", "inbound_messages",
        "inbound_raw_messages", "inbound_delivery_jobs", "schema_migrations",
    ]

    static func tables(_ configuration: PostgresConfiguration) async throws -> Set<String> {
        let connection = try await PostgresPool.connect(configuration)
        defer { Task { await connection.close() } }
        let rows = try await connection.query("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
        return Set(try rows.map { try $0.decode(String.self, at: 0) })
    }

    @Test func theShippedSchemaAppliesOnceAndCompletely() async throws {
        let migrations = try RelaySchema.migrations()
        #expect(migrations.first?.version == 1)
        #expect(Set(migrations.map(\.version)).count == migrations.count)
        try await TestPostgres.withDatabase { configuration in
            let migrator = try RelaySchema.migrator()
            let first = try await migrator.migrate(configuration)
            #expect(first.applied == migrations.map(\.version))
            #expect(first.currentVersion == migrations.last?.version)
            #expect(try await Self.tables(configuration).isSuperset(of: Self.expectedTables))
            let second = try await migrator.migrate(configuration)
            #expect(second.applied == [])
            #expect(second.currentVersion == first.currentVersion)
        }
    }

    @Test func racingMigratorsApplyEachMigrationOnce() async throws {
        try await TestPostgres.withDatabase { configuration in
            let migrator = try RelaySchema.migrator()
            let reports = try await withThrowingTaskGroup(of: PostgresMigrator.Report.self) { group in
                for _ in 0..<4 { group.addTask { try await migrator.migrate(configuration) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reports.filter { !$0.applied.isEmpty }.count == 1)
            #expect(Set(reports.map(\.currentVersion)).count == 1)
            let connection = try await PostgresPool.connect(configuration)
            let recorded = try await connection.query("SELECT count(*) FROM schema_migrations")[0].decode(Int64.self, at: 0)
            await connection.close()
            #expect(recorded == Int64(try RelaySchema.migrations().count))
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        try await TestPostgres.withDatabase { configuration in
            let good = PostgresMigration(version: 1, name: "first", sql: "CREATE TABLE first (id int);")
            let bad = PostgresMigration(
                version: 2, name: "broken", sql: "CREATE TABLE second (id int);\nCREATE TABLE third (x no_such_type);")
            let error = await #expect(throws: PostgresMigrator.Failure.self) {
                try await PostgresMigrator(migrations: [good, bad]).migrate(configuration)
            }
            guard case .database(let cause, let version) = error else {
                Issue.record("expected a database failure, got \(String(describing: error))")
                return
            }
            #expect(version == 2)
            #expect(cause.sqlState == "42704")  // undefined_object
            let tables = try await Self.tables(configuration)
            #expect(tables.contains("first"))
            #expect(!tables.contains("second"), "the failed migration's first statement was rolled back")
            // Fixed, it applies on the next run.
            let fixed = PostgresMigration(version: 2, name: "broken", sql: "CREATE TABLE second (id int);")
            let report = try await PostgresMigrator(migrations: [good, fixed]).migrate(configuration)
            #expect(report.applied == [2])
        }
    }

    @Test func anEditedOrUnknownMigrationIsRefused() async throws {
        try await TestPostgres.withDatabase { configuration in
            let original = PostgresMigration(version: 1, name: "first", sql: "CREATE TABLE first (id int);")
            let later = PostgresMigration(version: 2, name: "later", sql: "CREATE TABLE later (id int);")
            _ = try await PostgresMigrator(migrations: [original, later]).migrate(configuration)
            let edited = PostgresMigration(version: 1, name: "first", sql: "CREATE TABLE first (id bigint);")
            let editError = await #expect(throws: PostgresMigrator.Failure.self) {
                try await PostgresMigrator(migrations: [edited, later]).migrate(configuration)
            }
            #expect(editError?.description.contains("changed after it was applied") == true)
            let olderError = await #expect(throws: PostgresMigrator.Failure.self) {
                try await PostgresMigrator(migrations: [original]).migrate(configuration)
            }
            #expect(olderError?.description.contains("migration 2") == true)
        }
    }
}
